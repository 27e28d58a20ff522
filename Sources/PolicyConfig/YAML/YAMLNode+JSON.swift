import AdmissionCore

extension YAMLNode {
    /// Converts the node to JSON the way kubectl does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 style),
    /// so a manifest means here what it means to the API server.
    ///
    /// THE RULE TABLE (scalar → JSON; "plain" means unquoted and untagged)
    ///
    /// 1. Quoted (`'…'`, `"…"`), literal `|` and folded `>` scalars → string. `"8080"` stays `"8080"`.
    /// 2. Plain `~`, `null`, `Null`, `NULL`, and the empty plain scalar (`key:`) → `null`.
    /// 3. Plain `y Y yes Yes YES true True TRUE on On ON` → `true`;
    ///    plain `n N no No NO false False FALSE off Off OFF` → `false` (YAML 1.1, as go-yaml v2).
    /// 4. Plain integers, underscores removed first, read as Go's `ParseInt(s, 0, 64)` then `ParseUint`:
    ///    decimal `[-+]?[0-9]+`; a leading `0` means octal (`0755` → 493); `0o755` octal; `0x1F` hex → 31;
    ///    `0b1010` binary → 10. Emitted as decimal JSON integer text, `+` dropped.
    /// 5. Plain decimal integers too big for 64 bits → a JSON number with exactly their digits. **Deviation**:
    ///    we preserve big integers; go-yaml would round them through float64.
    /// 6. Plain floats, go-yaml v2's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` after removing
    ///    underscores (so `08` and `09`, not valid octal, are 8 and 9) → a number whose text keeps the written
    ///    digits, minimally rewritten into valid JSON: `.5` → `0.5`, `1.` → `1`, `+1.5` → `1.5`,
    ///    `007.5` → `7.5`; `1.10` and `1e3` are unchanged. **Deviation**: go-yaml would round through float64
    ///    (`1.10` → 1.1).
    /// 7. Plain floats out of float64 range (`1e400`) → string, because Go's ParseFloat rejects them too.
    /// 8. Plain `.inf`, `+.inf`, `-.inf`, `.nan` (and their `.Inf`/`.INF`/`.NaN`/`.NAN` variants) → string:
    ///    JSON has no infinities or NaN.
    /// 9. Plain timestamps (`2001-12-14`, `2001-12-14T21:59:43Z`) → string. **Deviation**: go-yaml v2 rewrites
    ///    them as RFC 3339 times (`2001-12-14T00:00:00Z`).
    /// 10. Any other plain scalar → string.
    /// 11. Explicit tags, applied to the text whatever its style: `!!str`, `!!timestamp` and the non-specific `!`
    ///    → string; `!!binary` → string holding the base64 text as written (**deviation**: go-yaml decodes it);
    ///    `!!int` → integer if the text resolves to one (rules 4 and 5), else error; `!!float` → number if the
    ///    text resolves to an integer or a finite float, else error; `!!bool` and `!!null` → that type if the text
    ///    resolves to it, else error. Unknown tags (`!foo`, other `!!` tags on scalars, any tag on a collection)
    ///    are ignored: the node resolves as if untagged.
    /// 12. Mapping keys resolve by the same rules, then print as Go prints a map key: `on:` → `"true"`,
    ///    `1:` → `"1"`, `0x10:` → `"16"`, `~:` → `"null"`, floats via `FormatFloat(f, 'g', -1, 32)`
    ///    (`1e6:` → `"1e+06"`, `1.10:` → `"1.1"`). A mapping or sequence used as a key is an error at the key.
    /// 13. Duplicate keys: the last value wins (as with a Go map), at the first key's position; no error.
    /// 14. Merge keys `<<` (plain, or tagged `!!merge`): the value, a mapping or a sequence of mappings (usually
    ///    aliases), is merged in at the `<<`'s position. Keys the mapping defines itself win wherever they
    ///    appear; among merged mappings the earlier wins. Any other value is an error.
    /// 15. Aliases are expanded: every use is converted, and counted, again.
    ///
    /// Limits: more than `maxNodes` nodes after alias and merge expansion ("billion laughs") throws
    /// "document expands to more than N nodes"; collections nested deeper than 1000 throw. Neither can hang, and
    /// the conversion keeps its own stack of open collections instead of recursing, so no thread's stack size
    /// matters.
    ///
    /// - Parameters:
    ///   - maxNodes: The most nodes (scalars, collections and keys, counted after expansion) to convert.
    ///   - file: The file name to put in errors.
    public func json(maxNodes: Int = 1_000_000, file: String? = nil) throws(YAMLError) -> JSON {
        var converter = YAMLJSONConverter(maxNodes: maxNodes, file: file)
        return try converter.convert(self)
    }
}

