// Dexie runs on this in-memory IndexedDB in Node.
import 'fake-indexeddb/auto';
import { useTldtsPublicSuffixes } from '../../../utils/matching/public-suffix-tldts';

// Node answers the public-suffix questions with tldts-icann itself (the background loads a file).
useTldtsPublicSuffixes();
