// One volume lifecycle over two kinds of array: a FlashArray holds block volumes, a FlashBlade
// holds NFS file systems. pure_volume talks only to this interface; everything that differs by
// kind (REST paths, field names, what "destroy" must switch off first, where clients mount from)
// lives in the backend of that kind. Kind-specific settings travel in a typed spec per kind, and
// come back in a typed view per kind, so no FlashArray field leaks into the file path or back.

import type { CreateOutcome } from '../clients/common';
import type { Ownership, OwnershipMark } from '../ownership';
import type { VolumeKind } from '../placement/model';
import type { FleetObject } from './snapshot';

/**
 * A volume's QoS limits; null = no limit. Block: the volume's own `qos` (FlashArray). File: the
 * fleet's QoS policy of that file system (FlashBlade REST 2.17+, see flashblade-qos.ts).
 */
export interface QosLimits {
  readonly iopsLimit: number | null;
  /** Bytes per second. */
  readonly bandwidthLimit: number | null;
}

/** No limit on either. */
export const NO_QOS: QosLimits = { iopsLimit: null, bandwidthLimit: null };

/** What a block volume needs beyond its size. */
export interface BlockVolumeSpec {
  readonly kind: 'block';
  /** QoS limits to hold; undefined leaves whatever the array has. */
  readonly qos?: QosLimits;
}

/** What an NFS file system needs beyond its size. */
export interface FileVolumeSpec {
  readonly kind: 'file';
  readonly nfsV3: boolean;
  readonly nfsV41: boolean;
  /**
   * Export rules in Pure's syntax (`10.0.0.0/24(rw,no_root_squash) @ops(ro)`); "" exports to no
   * one. Always sent: leaving it out would let the array apply its own world-wide default.
   * Ignored when `exportPolicy` is set (the array clears inline rules when a policy is set).
   */
  readonly exportRules: string;
  /** Name of an NFS export policy on the array (REST 2.3+), instead of inline rules. */
  readonly exportPolicy?: string;
  /** Enforce the size as a hard quota (writes past it fail) rather than a soft one. */
  readonly hardLimit: boolean;
  /**
   * QoS limits to hold, through the fleet's QoS policy of the file system (REST 2.17+); undefined
   * leaves whatever the array has. Limits on an array without QoS policies are refused before any
   * request (UnsupportedApiVersionError), a create included.
   */
  readonly qos?: QosLimits;
}

export type VolumeSpec = BlockVolumeSpec | FileVolumeSpec;

/** The spec of one kind: `SpecOf<'file'>` is FileVolumeSpec. */
export type SpecOf<K extends VolumeKind> = Extract<VolumeSpec, { kind: K }>;

interface VolumeViewBase {
  /** Full name on the array (fleet prefix included). */
  readonly name: string;
  /** The array's own id of the object. */
  readonly id: string;
  /** Provisioned size (FlashArray) or quota (FlashBlade), bytes; undefined = unlimited (file). */
  readonly sizeBytes: number | undefined;
  /** In the array's eradication bin (recoverable). */
  readonly destroyed: boolean;
  /** Milliseconds until a destroyed object is eradicated by the array. */
  readonly timeRemainingMs?: number;
}

export interface BlockVolumeView extends VolumeViewBase {
  readonly kind: 'block';
  readonly serial: string;
  readonly qos: QosLimits;
}

export interface FileVolumeView extends VolumeViewBase {
  readonly kind: 'file';
  readonly nfsV3: boolean;
  readonly nfsV41: boolean;
  /** Inline export rules as the array reports them ("" when none, or when a policy is set). */
  readonly exportRules: string;
  /** The NFS export policy set on the file system, if any (REST 2.3+). */
  readonly exportPolicy?: string;
  readonly hardLimit: boolean;
  /** The limits of the QoS policy the file system is attached to (none when disabled or absent). */
  readonly qos: QosLimits;
  /** The QoS policy attached, the fleet's or not, if any. */
  readonly qosPolicy?: string;
}

export type VolumeView = BlockVolumeView | FileVolumeView;

/** The view of one kind: `ViewOf<'file'>` is FileVolumeView. */
export type ViewOf<K extends VolumeKind> = Extract<VolumeView, { kind: K }>;

/** What a create asks for: the exact size (computed once, at plan time) and the kind's spec. */
export interface VolumeCreateRequest {
  readonly sizeBytes: number;
  readonly spec: VolumeSpec;
}

export interface CreatedVolume {
  readonly volume: VolumeView;
  /** `found-after-unknown-outcome`: the create's answer was lost and the object was found by name. */
  readonly outcome: CreateOutcome;
}

/** What a create may add beyond the volume itself. */
export interface CreateOptions {
  /** The fleet's mark, carried by the object from its creation where the array keeps tags. */
  readonly mark?: OwnershipMark;
}

/** A spec of the wrong kind for the array it was sent to: a caller bug, never user input. */
export class VolumeKindError extends Error {
  constructor(
    readonly arrayName: string,
    readonly arrayHolds: VolumeKind,
    readonly requested: VolumeKind,
  ) {
    super(`array "${arrayName}" holds ${arrayHolds} volumes, not ${requested} volumes`);
    this.name = 'VolumeKindError';
  }
}

/**
 * The lifecycle of a fleet's volumes on one array. Every method names the object by its full name
 * on the array; every answer is a view of the object as the array reports it afterwards.
 */
export interface VolumeBackend {
  readonly arrayName: string;
  /** The kind of volume this array holds. */
  readonly kind: VolumeKind;
  /**
   * The view of an object from the fleet-wide listing (FleetVolumeSnapshot), which serves refresh
   * without a call per volume; undefined when the object is not of this backend's kind.
   */
  view(object: FleetObject): VolumeView | undefined;
  /** The object by name, destroyed or not; undefined when the array has none by that name. */
  get(name: string, signal?: AbortSignal): Promise<VolumeView | undefined>;
  /**
   * Creates the object under the never-blind-create rule (clients/common.ts
   * createWithExistenceCheck): after an unknown outcome the array is asked by name before any
   * second create is sent, so one create never makes two objects.
   */
  create(
    name: string,
    request: VolumeCreateRequest,
    signal?: AbortSignal,
    options?: CreateOptions,
  ): Promise<CreatedVolume>;
  /**
   * Whose the object is (ownership.ts): its fleet mark, "unmarked", or the prefix rule where the
   * array keeps no tags. Undefined when the array has no object by that name.
   */
  ownership(name: string, signal?: AbortSignal): Promise<Ownership | undefined>;
  /** Sets the provisioned size (or quota) in bytes. */
  resize(name: string, sizeBytes: number, signal?: AbortSignal): Promise<VolumeView>;
  /**
   * Brings an existing, not destroyed object to the wanted size and settings in place, sending
   * only what differs from `current`. Returns `current` unchanged when nothing differs.
   */
  update(
    name: string,
    current: VolumeView,
    wanted: VolumeCreateRequest,
    signal?: AbortSignal,
  ): Promise<VolumeView>;
  /** Moves the object to the eradication bin (recoverable until the array's eradication delay). */
  destroy(name: string, signal?: AbortSignal): Promise<VolumeView>;
  /** Brings a destroyed object back, data intact, with the spec's settings (file: exports on again). */
  recover(name: string, spec: VolumeSpec, signal?: AbortSignal): Promise<VolumeView>;
  /** Removes a destroyed object for good. */
  eradicate(name: string, signal?: AbortSignal): Promise<void>;
  /** Where clients reach the object: file systems `<NFS endpoint>:/<name>`; undefined for block. */
  accessPath(name: string, signal?: AbortSignal): Promise<string | undefined>;
}
