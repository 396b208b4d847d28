// WazperError: the type of every error wazper raises. The wasm raises plain `Error`s named
// "WazperError" (with code/status/details), so `instanceof` is answered by shape, not prototype:
// that also holds for errors that crossed a realm (iframe, worker, vm context).
export class WazperError extends Error {
  constructor(code, message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WazperError";
    this.code = code;
    this.status = options.status ?? null;
    this.details = options.details ?? null;
  }

  static [Symbol.hasInstance](value) {
    // A subclass keeps ordinary prototype semantics; only WazperError itself matches by shape.
    if (this !== WazperError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === "object" &&
      value !== null &&
      value.name === "WazperError" &&
      typeof value.code === "string"
    );
  }
}
