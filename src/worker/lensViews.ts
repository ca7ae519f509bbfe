/**
 * The namespace lens's part of the worker protocol, kept free of DOM and worker types so the UI's pure
 * models (and their Node unit tests) can import it.
 */

/** The views the namespace lens compares; the worker maps each to a fixed command (see lens.ts). */
export const LENS_VIEWS = ['ps', 'ss', 'ip', 'hostname', 'mounts', 'ipc'] as const;
export type LensView = (typeof LENS_VIEWS)[number];

export interface LensOutput {
  /** The command line that produced the output, as a person would type it on the host. */
  command: string;
  stdout: string;
  stderr: string;
  status: number;
  /** Set when the image lacks the program and the host's copy ran inside the namespace instead. */
  note?: string;
}
