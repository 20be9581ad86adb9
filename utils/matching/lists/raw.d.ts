// Vite (and Vitest) load `*.txt?raw` imports as the file's text.
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
