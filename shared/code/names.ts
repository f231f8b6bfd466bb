// Identifiers and string literals valid in both Python and C, so the two views name things alike.

const RESERVED = new Set(
  // Python keywords and the names the Python view imports or defines
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield print input open bytes range len ' +
    'os sys time socket select threading ctypes mmap shared_memory multiprocessing Process Queue Semaphore ' +
    'active_children ThreadPoolExecutor futures wait_all ' +
    // C keywords and the libc names the C view calls
    'auto char const default do double enum extern float goto inline int long register restrict short signed sizeof ' +
    'static struct switch typedef union unsigned void volatile _Bool bool read write close exit _exit fork wait ' +
    'waitpid signal pipe send recv connect bind listen accept sleep malloc free strcpy strncpy memcpy ' +
    'mkfifo index kill main errno stdin stdout stderr environ remove rename poll ' +
    // the helpers and locals both views use
    'compute heap top reg msg pid buf n pending pool PAGE TICK TICK_MS arg fd inet_connect map_shared read_async ' +
    'await_async requests nrequests abuf code_vars thread worker running setup clock time'
  ).split(/\s+/),
);

/** Makes names unique and valid identifiers in both languages; the same name always gets the same identifier. */
export class Names {
  private readonly taken = new Set<string>();
  private readonly byKey = new Map<string, string>();

  /** The identifier of `name` in namespace `kind` (a lock and a variable of the same name differ). */
  id(kind: string, name: string): string {
    const key = `${kind}:${name}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let base = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let id = base;
    if (RESERVED.has(id) || this.taken.has(id)) id = `${base}_${kind}`;
    for (let k = 2; RESERVED.has(id) || this.taken.has(id); k++) id = `${base}_${kind}${k}`;
    this.taken.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

/** The UTF-8 bytes of a text (a message's length in a C write or a Python bytes literal). */
export function utf8(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}

/** A C string literal; `?` is escaped against trigraphs, everything outside printable ASCII in octal. */
export function cString(text: string): string {
  let out = '"';
  for (const b of utf8(text)) {
    const ch = String.fromCharCode(b);
    if (ch === '"' || ch === '\\' || ch === '?') out += `\\${ch}`;
    else if (b >= 0x20 && b < 0x7f) out += ch;
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** A Python bytes literal b'...'. */
export function pyBytes(text: string): string {
  let out = "b'";
  for (const b of utf8(text)) {
    const ch = String.fromCharCode(b);
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (b >= 0x20 && b < 0x7f) out += ch;
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** A Python text literal '...' (paths, program names). */
export function pyString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
