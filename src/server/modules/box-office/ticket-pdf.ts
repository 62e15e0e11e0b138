// Tickets as a PDF: one A5 page per ticket, in the buyer's language, with the QR code of the
// ticket's signed payload drawn as vector squares (sharp at any print size). The font is Noto
// Sans from an npm package, embedded (subset) in the file: it has every Kazakh letter in both
// scripts (ӘҒҚҢӨҰҮҺІ, ÄĞQÑÖŪÜŞİ) and the ₸ sign, and nothing is fetched at run time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { type LocalizedText, localize } from '../../../common/content.ts';
import { formatDateTime, formatMoney, formatTime } from '../../../common/format.ts';
import type { Locale } from '../../../common/locales.ts';
import { kazakhToLatin } from '../../../common/translit.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = '@expo-google-fonts/noto-sans';
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve(`${FONT_DIR}/400Regular/NotoSans_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_DIR}/700Bold/NotoSans_700Bold.ttf`)),
  };
  return fonts;
}

export interface TicketPdfTicket {
  id: string;
  eventTitle: LocalizedText;
  startsAt: string;
  endsAt: string;
  spaceName: LocalizedText;
  /** null for general admission */
  seat: { section: LocalizedText; row: string; number: number } | null;
  areaName: LocalizedText | null;
  categoryName: LocalizedText;
  priceTiyn: number;
  vatRateBp: number;
  vatTiyn: number;
  complimentary: boolean;
  /** the signed QR payload */
  qr: string;
}

export interface TicketPdfData {
  locale: Locale;
  timeZone: string;
  hubName: LocalizedText;
  orderNumber: number;
  tickets: TicketPdfTicket[];
}

type Written = Exclude<Locale, 'kk-Latn'>;
const LABELS: Record<Written, Record<string, string>> = {
  kk: {
    ticket: 'Билет',
    of: '/',
    section: 'Бөлім',
    row: 'Қатар',
    seat: 'Орын',
    ga: 'Еркін орын',
    price: 'Бағасы',
    vat: 'оның ішінде ҚҚС',
    free: 'Шақыру билеті (тегін)',
    order: 'Тапсырыс',
    door: 'Кіре берісте осы QR-кодты көрсетіңіз. Бір код — бір кіру.',
  },
  ru: {
    ticket: 'Билет',
    of: 'из',
    section: 'Сектор',
    row: 'Ряд',
    seat: 'Место',
    ga: 'Входной билет без места',
    price: 'Цена',
    vat: 'в т. ч. НДС',
    free: 'Пригласительный (бесплатно)',
    order: 'Заказ',
    door: 'Покажите этот QR-код на входе. Один код — один вход.',
  },
  en: {
    ticket: 'Ticket',
    of: 'of',
    section: 'Section',
    row: 'Row',
    seat: 'Seat',
    ga: 'General admission',
    price: 'Price',
    vat: 'incl. VAT',
    free: 'Complimentary',
    order: 'Order',
    door: 'Show this QR code at the door. One entry per code.',
  },
};

function labels(locale: Locale): Record<string, string> {
  if (locale !== 'kk-Latn') return LABELS[locale];
  return Object.fromEntries(Object.entries(LABELS.kk).map(([k, v]) => [k, kazakhToLatin(v)]));
}

const INK = '#1f2430';
const MUTED = '#5b6270';
const ACCENT = '#0f5c5a';

/** Draws the QR code as filled squares inside a square of `size` points. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4; // modules of white border the standard asks for
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
  doc.fill().restore();
}

function percent(bp: number): string {
  return `${(bp / 100).toString()}%`;
}

/** Renders the tickets of one order; resolves to the PDF bytes. */
export async function renderTicketsPdf(data: TicketPdfData): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const L = labels(data.locale);
  const t = (text: LocalizedText | null | undefined) => localize(text, data.locale);
  const hubName = t(data.hubName);
  const doc = new PDFDocument({
    size: 'A5',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `${hubName} — ${L.order} ${data.orderNumber}`, Author: hubName, Creator: 'ÓzgeEpic Hub' },
    lang: data.locale,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const total = data.tickets.length;
  data.tickets.forEach((ticket, i) => {
    doc.addPage();
    const W = doc.page.width;
    const M = 32;
    const width = W - 2 * M;

    // Header band: the hub, and which ticket of the order this is.
    doc.rect(0, 0, W, 54).fill(ACCENT);
    doc
      .fillColor('#ffffff')
      .font('bold')
      .fontSize(13)
      .text(hubName, M, 20, { width: width - 90, lineBreak: false });
    doc
      .font('regular')
      .fontSize(10)
      .text(`${L.ticket} ${i + 1} ${L.of} ${total}`, W - M - 90, 22, { width: 90, align: 'right' });

    let y = 76;
    doc.fillColor(INK).font('bold').fontSize(20).text(t(ticket.eventTitle), M, y, { width });
    y = doc.y + 6;
    const starts = new Date(ticket.startsAt);
    const ends = new Date(ticket.endsAt);
    const sameDay = ends.getTime() - starts.getTime() < 20 * 3_600_000;
    const when = `${formatDateTime(starts, data.locale, data.timeZone, 'full', 'short')}${
      sameDay ? ` – ${formatTime(ends, data.locale, data.timeZone)}` : ''
    }`;
    doc.font('regular').fontSize(12).fillColor(INK).text(when, M, y, { width });
    y = doc.y + 2;
    doc.fillColor(MUTED).text(`${t(ticket.spaceName)} · ${hubName}`, M, y, { width });
    y = doc.y + 14;

    // The seat, large enough to read in a dark foyer.
    doc.roundedRect(M, y, width, 58, 6).lineWidth(1).stroke(ACCENT);
    if (ticket.seat) {
      const cols = [
        [L.section, t(ticket.seat.section)],
        [L.row, ticket.seat.row],
        [L.seat, String(ticket.seat.number)],
      ] as const;
      const colW = width / 3;
      cols.forEach(([label, value], c) => {
        const x = M + c * colW + 10;
        doc
          .font('regular')
          .fontSize(9)
          .fillColor(MUTED)
          .text(label ?? '', x, y + 9, { width: colW - 20 });
        doc
          .font('bold')
          .fontSize(18)
          .fillColor(INK)
          .text(value ?? '', x, y + 23, { width: colW - 20, lineBreak: false, ellipsis: true });
      });
    } else {
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(MUTED)
        .text(L.ga ?? '', M + 10, y + 9, { width: width - 20 });
      doc
        .font('bold')
        .fontSize(18)
        .fillColor(INK)
        .text(t(ticket.areaName) || t(ticket.categoryName), M + 10, y + 23, {
          width: width - 20,
          lineBreak: false,
          ellipsis: true,
        });
    }
    y += 72;

    const price = ticket.complimentary
      ? (L.free ?? '')
      : `${formatMoney(ticket.priceTiyn, data.locale)} · ${L.vat} ${percent(ticket.vatRateBp)}: ${formatMoney(ticket.vatTiyn, data.locale)}`;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(`${L.price} · ${t(ticket.categoryName)}`, M, y, { width });
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(INK)
      .text(price, M, doc.y + 1, { width });
    y = doc.y + 14;

    const qrSize = 190;
    drawQr(doc, ticket.qr, (W - qrSize) / 2, y, qrSize);
    y += qrSize + 6;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(L.door ?? '', M, y, { width, align: 'center' });

    const footY = doc.page.height - 34;
    doc
      .moveTo(M, footY - 8)
      .lineTo(W - M, footY - 8)
      .lineWidth(0.5)
      .stroke('#c9ccd3');
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(INK)
      .text(`${L.order} № ${data.orderNumber}`, M, footY, { width: width / 2, lineBreak: false });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(ticket.id, M + width / 2, footY + 2, { width: width / 2, align: 'right', lineBreak: false });
  });
  doc.end();
  return done;
}
