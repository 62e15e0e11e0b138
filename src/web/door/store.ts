// The scanner's offline storage in IndexedDB: one door list per performance and the queue of
// scans (each kept after it syncs, with the server's verdict, so the device can show it).
import type { DoorList, Scan } from './decide.ts';

const DB_NAME = 'ozgeepic-door';
const VERSION = 1;
const LISTS = 'lists';
const SCANS = 'scans';

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(LISTS)) db.createObjectStore(LISTS, { keyPath: 'performanceId' });
      if (!db.objectStoreNames.contains(SCANS)) {
        const scans = db.createObjectStore(SCANS, { keyPath: 'id' });
        scans.createIndex('performanceId', 'performanceId');
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }).catch((e: unknown) => {
    opening = undefined;
    throw e;
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  const db = await open();
  return db.transaction(name, mode).objectStore(name);
}

export async function getList(performanceId: string): Promise<DoorList | undefined> {
  return (await done((await store(LISTS, 'readonly')).get(performanceId))) as DoorList | undefined;
}

export async function putList(list: DoorList): Promise<void> {
  await done((await store(LISTS, 'readwrite')).put(list));
}

/** The lists kept on this device, newest performance first, for picking one offline. */
export async function allLists(): Promise<DoorList[]> {
  const lists = (await done((await store(LISTS, 'readonly')).getAll())) as DoorList[];
  return lists.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

export async function putScan(scan: Scan): Promise<void> {
  await done((await store(SCANS, 'readwrite')).put(scan));
}

export async function putScans(scans: readonly Scan[]): Promise<void> {
  if (scans.length === 0) return;
  const db = await open();
  const tx = db.transaction(SCANS, 'readwrite');
  for (const s of scans) tx.objectStore(SCANS).put(s);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** A performance's scans in the order they were made. */
export async function scansOf(performanceId: string): Promise<Scan[]> {
  const s = await store(SCANS, 'readonly');
  const scans = (await done(s.index('performanceId').getAll(performanceId))) as Scan[];
  return scans.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
}

const DEVICE_KEY = 'door.deviceId';

/** This device's id, made once and kept, so the server can tell which door a scan came from. */
export function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'device-without-storage';
  }
}
