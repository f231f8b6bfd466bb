// Types for import.meta.env and asset imports in the client.
/// <reference types="vite/client" />

// The subset Noto Sans KR faces, built by build/font-subset.ts (the plugin in vite.config.ts).
declare module 'virtual:kernel-crew-fonts' {
  /** 'Noto Sans KR'. */
  export const FONT_FAMILY_NAME: string;
  /** Every face: its weight, slice, hashed URL and the unicode-range it covers. */
  export const FONT_FACES: readonly {
    weight: number;
    slice: 'core' | 'ui' | 'content' | `names-${number}`;
    url: string;
    unicodeRange: string;
  }[];
}
