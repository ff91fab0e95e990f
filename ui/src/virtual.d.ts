/** Generated at build time by ui/world-paths.ts. */
declare module 'virtual:world-paths' {
  export const WORLD: {
    width: number;
    height: number;
    scale: number;
    translate: [number, number];
    sphere: string;
    /** Every country's outline, in one path. */
    land: string;
  };
}
