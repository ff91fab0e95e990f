// Type declarations for dependencies that ship none.
declare module 'stopword' {
  export const eng: string[];
}
