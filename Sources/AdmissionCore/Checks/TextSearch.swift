extension String {
    /// Substring search over UTF-8 bytes. `String.contains(_ other: String)` goes through the generic collection
    /// search of the string-processing library, which costs tens of times more on the request path.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard pattern.count <= text.count else { return false }
                let first = pattern[0]
                var start = 0
                while start + pattern.count <= text.count {
                    if text[start] == first {
                        var offset = 1
                        while offset < pattern.count, text[start + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
