import GatehouseCore
import Testing

@testable import GatehouseServer

@Suite struct CallerCacheTests {
    static func caller(_ subject: String) -> Caller {
        let principal = Principal(issuer: "https://idp.test", subject: subject, authMethod: .accessToken)
        let token = AccessTokenRecord(
            id: "tok_" + subject, tokenHash: "h-" + subject, name: subject, principal: principal, createdMicros: 1)
        return Caller(principal: principal, token: token, scopes: .unrestricted)
    }

    @Test func anEntryServesAtItsGenerationUntilItsLifetimeEnds() {
        let cache = CallerCache(lifetime: .seconds(1))
        let start = ContinuousClock.now
        cache.keep(Self.caller("ann"), for: "h-ann", generation: 7, now: start)
        #expect(cache.caller("h-ann", generation: 7, now: start)?.principal.subject == "ann")
        #expect(cache.caller("h-ann", generation: 7, now: start + .milliseconds(999))?.principal.subject == "ann")
        #expect(cache.caller("h-bob", generation: 7, now: start) == nil)
        #expect(cache.caller("h-ann", generation: 7, now: start + .seconds(1)) == nil)
        // An entry found too old is dropped, not kept for later.
        #expect(cache.count == 0)
    }

    @Test func anEntryOfAnotherGenerationIsDropped() {
        let cache = CallerCache(lifetime: .seconds(60))
        let now = ContinuousClock.now
        cache.keep(Self.caller("ann"), for: "h-ann", generation: 7, now: now)
        #expect(cache.caller("h-ann", generation: 8, now: now) == nil)
        #expect(cache.caller("h-ann", generation: 7, now: now) == nil)
        #expect(cache.count == 0)
    }

    @Test func aZeroLifetimeKeepsNothing() {
        let cache = CallerCache(lifetime: .zero)
        let now = ContinuousClock.now
        cache.keep(Self.caller("ann"), for: "h-ann", generation: 1, now: now)
        #expect(cache.count == 0)
        #expect(cache.caller("h-ann", generation: 1, now: now) == nil)
    }

    @Test func aFullCacheStartsOver() {
        let cache = CallerCache(lifetime: .seconds(60))
        let now = ContinuousClock.now
        let caller = Self.caller("ann")
        for index in 0..<CallerCache.capacity { cache.keep(caller, for: "h\(index)", generation: 1, now: now) }
        #expect(cache.count == CallerCache.capacity)
        // Replacing a kept entry does not count as a new one.
        cache.keep(caller, for: "h0", generation: 1, now: now)
        #expect(cache.count == CallerCache.capacity)
        cache.keep(caller, for: "one-more", generation: 1, now: now)
        #expect(cache.count == 1)
        #expect(cache.caller("one-more", generation: 1, now: now) != nil)
        #expect(cache.caller("h1", generation: 1, now: now) == nil)
    }

    @Test func aTouchIsRemembered() {
        let cache = CallerCache(lifetime: .seconds(60))
        let now = ContinuousClock.now
        cache.keep(Self.caller("ann"), for: "h-ann", generation: 1, now: now)
        #expect(cache.caller("h-ann", generation: 1, now: now)?.token?.lastUsedMicros == nil)
        cache.touched("h-ann", atMicros: 42)
        #expect(cache.caller("h-ann", generation: 1, now: now)?.token?.lastUsedMicros == 42)
    }
}
