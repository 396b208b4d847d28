//! The API client's pure core: options, validation, request building, response decoding, error
//! mapping and the retry policy, behind a transport trait and a clock so it runs natively in tests.
//! (Skeleton: lands with the client issue.)
