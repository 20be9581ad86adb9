// Vite (and Vitest) load `?raw` imports as the file's text: the lists, and the official
// calendar's JSON (utils/schedule/official-calendar.ts), parsed when first needed.
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
declare module '*.json?raw' {
  const text: string;
  export default text;
}
