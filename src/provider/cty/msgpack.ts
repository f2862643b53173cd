// DynamicValue.msgpack: the form Terraform always sends values in, as go-cty's cty/msgpack
// writes and reads it. @msgpack/msgpack does the byte-level work; the walk over the value is
// driven by the type, because the same bytes mean different things for different types
// (a string is a number for `number`, an array is a set for `set`, an ext is an unknown of
// whatever type sits there).

export { CtyDecodeError, CtyEncodeError } from './path';
export { encodeMsgpack } from './msgpack-encode';
export { decodeMsgpack, mergeSetElements } from './msgpack-decode';
