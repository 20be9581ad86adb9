// Dexie runs on this in-memory IndexedDB in Node.
import 'fake-indexeddb/auto';
