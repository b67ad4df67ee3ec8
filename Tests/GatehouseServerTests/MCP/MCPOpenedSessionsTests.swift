import GatehouseIdentity
import Testing

@testable import GatehouseServer

/// The cache of opened session ids: only ids that open are kept, and a full cache starts over.
struct MCPOpenedSessionsTests {
    private let handles = SealedHandle(secret: Array(repeating: 7, count: 32), purpose: "mcp session")

    private func token(_ nonce: String) -> MCPSessionToken {
        MCPSessionToken(
            principal: "local#admin", token: nil, profile: "default", version: "2025-11-25", answers: false,
            nonce: nonce, created: 1)
    }

    @Test func opensOnceAndServesTheSameTokenAfter() throws {
        let cache = MCPOpenedSessions()
        let sealed = try handles.seal(token("a"))
        #expect(cache.open(sealed, with: handles) == token("a"))
        #expect(cache.count == 1)
        // A cache under another key still answers from the first opening: the text is the key.
        let other = SealedHandle(secret: Array(repeating: 9, count: 32), purpose: "mcp session")
        #expect(cache.open(sealed, with: other) == token("a"))
    }

    @Test func junkAndForeignIdsAreRefusedAndNotKept() throws {
        let cache = MCPOpenedSessions()
        let foreign = try SealedHandle(secret: Array(repeating: 9, count: 32), purpose: "mcp session").seal(token("b"))
        #expect(cache.open(foreign, with: handles) == nil)
        #expect(cache.open("not-a-session", with: handles) == nil)
        var tampered = Array(try handles.seal(token("c")).utf8)
        tampered[tampered.count / 2] =
            tampered[tampered.count / 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(cache.open(String(decoding: tampered, as: UTF8.self), with: handles) == nil)
        #expect(cache.count == 0)
    }

    @Test func aFullCacheStartsOver() throws {
        let cache = MCPOpenedSessions()
        for index in 0..<MCPOpenedSessions.limit {
            _ = cache.open(try handles.seal(token("n\(index)")), with: handles)
        }
        #expect(cache.count == MCPOpenedSessions.limit)
        let next = try handles.seal(token("next"))
        #expect(cache.open(next, with: handles) == token("next"))
        #expect(cache.count == 1)
    }
}
