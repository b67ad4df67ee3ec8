import Foundation
import Testing

@testable import GatehouseCore

@Suite("Configuration limits")
struct ConfigLimitsTests {
    static let depthMessage = "the document nests deeper than 64 levels; refusing to read it"

    @Test("flow nesting deeper than 64 levels is refused at its line")
    func deepFlowNesting() {
        let yaml =
            "version: 1\ngroups: " + String(repeating: "[", count: 70)
            + String(repeating: "]", count: 70)
        #expect(ConfigTestSupport.diagnostics(yaml) == ["gatehouse.yaml:2: \(Self.depthMessage)"])
    }

    @Test("block nesting deeper than 64 levels is refused at its line")
    func deepBlockNesting() {
        var yaml = "version: 1\n"
        for level in 0...80 {
            yaml += String(repeating: "  ", count: level) + "a\(level):\n"
        }
        // Key a63 (line 65) is the first node 65 levels down.
        #expect(ConfigTestSupport.diagnostics(yaml) == ["gatehouse.yaml:65: \(Self.depthMessage)"])
    }

    @Test("nesting deep enough to exhaust the stack is refused before composing")
    func hostileNesting() {
        let flow =
            "version: 1\ngroups: " + String(repeating: "[", count: 5000)
            + String(repeating: "]", count: 5000)
        #expect(ConfigTestSupport.diagnostics(flow) == ["gatehouse.yaml:2: \(Self.depthMessage)"])
        // 900 levels: under libyaml's own limit (1000), over what a 512 KiB stack survives.
        let block =
            (0..<900).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n")
            + "x\n"
        #expect(
            ConfigTestSupport.diagnostics(block) == ["gatehouse.yaml:100: \(Self.depthMessage)"])
    }

    @Test("hostile nesting is refused on a 512 KiB stack without crashing")
    func smallStack() async {
        let flow =
            "version: 1\ngroups: " + String(repeating: "[", count: 900)
            + String(repeating: "]", count: 900)
        let diagnostics = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: ConfigTestSupport.diagnostics(flow))
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(diagnostics == ["gatehouse.yaml:2: \(Self.depthMessage)"])
    }

    @Test("an alias bomb is refused")
    func aliasBomb() {
        var yaml = "version: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let uses = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "l\(level): &l\(level) [\(uses)]\n"
        }
        let diagnostics = ConfigTestSupport.diagnostics(yaml)
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.hasSuffix(
                "the document expands to more than 1000000 nodes (through aliases?); refusing to read it"
            ) == true)
    }

    @Test("complex keys are refused before composing")
    func complexKeys() {
        #expect(
            ConfigTestSupport.diagnostics("version: 1\n? server\n: {}\n") == [
                #"gatehouse.yaml:2: explicit mapping keys ("? key") are not supported; write "key: value""#
            ])
        #expect(
            ConfigTestSupport.diagnostics("version: 1\nx: &k server\n*k : {}\n") == [
                "gatehouse.yaml:3: an alias cannot be used as a mapping key"
            ])
        #expect(
            ConfigTestSupport.diagnostics("version: 1\n[a, b]: c\n") == [
                "gatehouse.yaml:2: a sequence or mapping cannot be used as a mapping key"
            ])
    }

    @Test("a document over 1 MiB is refused")
    func oversized() {
        let yaml = "version: 1\n#" + String(repeating: "x", count: 1_048_576)
        #expect(
            ConfigTestSupport.diagnostics(yaml) == [
                "gatehouse.yaml: the document is 1048588 bytes, over the 1 MiB (1048576 bytes) limit; "
                    + "refusing to read it"
            ])
    }

    @Test("an undefined alias is a syntax error")
    func undefinedAlias() {
        #expect(
            ConfigTestSupport.diagnostics("version: 1\nserver: *nope\n") == [
                "gatehouse.yaml:2: invalid YAML: found undefined alias"
            ])
    }

    @Test("the pre-scan lets ordinary YAML through")
    func prescanAcceptsOrdinaryYAML() {
        let yaml = """
            version: 1  # [[[[ in a comment
            groups:
              developers:
                description: |
                  [[[[[[[[[[ ? not a key
                        *also: not an alias
                      {{{{{{{{{{
                rules:
                  - id: 'it''s [fine]: really'
                    effect: allow
                    actions: ["*"]
                    reason: "a: [b] ? c"
                    resources: [docker.io/*/*:latest, "x]: y"]
                    obligations: {note: it's plain, 'quoted': "x\\"]"}
            """
        #expect(ConfigTestSupport.diagnostics(yaml) == [])
        #expect(YAMLPrescan.refusal(for: yaml) == nil)
    }
}
