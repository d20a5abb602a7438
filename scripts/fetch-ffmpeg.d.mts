// Types for scripts/fetch-ffmpeg.mjs, so TypeScript tests can import it.

/** The ffmpeg-static release the pins belong to. */
export declare const RELEASE: string;
/** SHA-256 of each .gz asset, by electron-builder target (`${os}-${arch}`). */
export declare const PINS: Record<string, { asset: string; ffmpeg: string; ffprobe: string }>;
/** resources/ffmpeg/<target> under `root` (the repository by default). */
export declare function targetDir(target: string, root?: string): string;
/** ffmpeg or ffmpeg.exe, by target. */
export declare function binaryName(target: string, tool: 'ffmpeg' | 'ffprobe'): string;
/** Why the target's folder is not a verified pair, or undefined when it is. */
export declare function problemWith(target: string, root?: string): string | undefined;
/** Downloads, verifies and unpacks one target's pair; returns its folder. */
export declare function fetchTarget(target: string, root?: string): Promise<string>;
/** This machine's target name, e.g. linux-x64. */
export declare function hostTarget(): string;
/** electron-builder's beforePack hook: rejects when the target being packed lacks a verified pair. */
export declare function beforePack(context: {
  electronPlatformName?: string;
  arch: number | string;
  packager?: { platform?: { buildConfigurationKey?: string }; info?: { projectDir?: string } };
}): Promise<void>;
