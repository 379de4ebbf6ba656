/** opencc-js ships its dictionaries as untyped modules: each is one "from to|from to" string. */
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
