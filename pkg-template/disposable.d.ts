// Types of `wazper/disposable`: the optional full disposable-domain list.

/** Where the list comes from: its URL, a fetch Response, or its bytes. */
export type DisposableListSource = string | URL | Request | Response | ArrayBuffer | ArrayBufferView;

/**
 * Extends the detector (`isPersonalEmail`, `classifyEmail`) with every domain that at least two of
 * the large public disposable lists agree on (120,000+). Resolves with the number of domains added
 * (0 when the list is loaded already). Without a source the list is read from beside the package's
 * files; `wazper/web` pages serving it elsewhere pass its URL or bytes.
 */
export declare function loadDisposableDomains(source?: DisposableListSource | Promise<DisposableListSource>): Promise<number>;
