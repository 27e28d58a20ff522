import Testing

@testable import WebhookServer

@Suite("ALPN list parsing")
struct TLSALPNTests {
    private func offset(_ names: [String]) -> Int? {
        let wire = names.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        return wire.withUnsafeBufferPointer { TLSALPN.offsetOfHTTP11(in: $0) }
    }

    private func offset(raw: [UInt8]) -> Int? {
        raw.withUnsafeBufferPointer { TLSALPN.offsetOfHTTP11(in: $0) }
    }

    @Test("http/1.1 is found wherever it is in the list")
    func findsHTTP11() {
        #expect(offset(["http/1.1"]) == 1)
        #expect(offset(["h2", "http/1.1"]) == 4)
        #expect(offset(["h2", "http/1.1", "spdy/3"]) == 4)
    }

    @Test("lists without http/1.1 select nothing")
    func noMatch() {
        #expect(offset(["h2"]) == nil)
        #expect(offset(["http/1.0", "http/1.11"]) == nil)
        #expect(offset([]) == nil)
    }

    @Test("malformed lists select nothing and never read past the end")
    func malformed() {
        #expect(offset(raw: [8] + Array("http/1.".utf8)) == nil)
        #expect(offset(raw: [0, 8] + Array("http/1.1".utf8)) == nil)
        #expect(offset(raw: [200, 1, 2]) == nil)
    }
}
