import Testing

@testable import GatehouseCore

@Suite struct AuditEventSanitizeTests {
    static func event(resource: String) -> AuditEvent {
        AuditEvent(
            timeMicros: 1, issuer: "i", subject: "s", authMethod: "access_token", groups: "", action: "tool.call",
            resource: resource, decision: "allow", rule: "r", reason: "ok", outcome: "ok", durationMicros: 1,
            traceID: "t")
    }

    @Test func nulIsReplacedAndShortFieldsAreKept() {
        let event = Self.event(resource: "a\u{0}b").sanitized()
        #expect(event.resource == "a\u{FFFD}b")
        #expect(Self.event(resource: "plain").sanitized() == Self.event(resource: "plain"))
    }

    @Test func longFieldsAreCutOnACharacterBoundaryAndMarked() {
        let long = String(repeating: "é", count: 5_000)
        let cut = Self.event(resource: long).sanitized().resource
        #expect(cut.utf8.count <= AuditEvent.maxFieldBytes)
        #expect(cut.hasSuffix("…"))
        #expect(cut.dropLast().allSatisfy { $0 == "é" })
    }
}
