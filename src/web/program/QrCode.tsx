import { create } from 'qrcode';
import { useMemo } from 'react';

/** A QR code drawn as SVG in the browser: one path of dark modules, with a quiet zone. */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, n } = useMemo(() => {
    const qr = create(value, { errorCorrectionLevel: 'M' });
    const count = qr.modules.size;
    let d = '';
    for (let y = 0; y < count; y++)
      for (let x = 0; x < count; x++) if (qr.modules.get(y, x)) d += `M${x + 4},${y + 4}h1v1h-1z`;
    return { path: d, n: count + 8 };
  }, [value]);
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      shapeRendering="crispEdges"
      data-testid="ticket-qr"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
