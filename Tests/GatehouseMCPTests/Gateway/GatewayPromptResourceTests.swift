import Foundation
import GatehouseCore
import Testing

@testable import GatehouseMCP

/// Prompts and resources pass through under the rules tools follow: listed only where the
/// policy allows, prompt arguments and resource URIs scanned for secrets before they leave,
/// their contents redacted or withheld by configuration (the SDK fixture server, in a sandbox).
@Suite struct GatewayPromptResourceTests {
    static let key = "AKIA" + "IOSFODNN7" + "EXAMPLE"

    @Test func promptsAreListedByPolicyAndTheirArgumentsScanned() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(try GatewayHarness.fixtureCatalog())
        defer { Task { await gateway.shutdown() } }
        let prompts = await gateway.prompts(for: caller)
        #expect(prompts.map(\.exposedName) == ["fixture__review"])
        let prompt = try await gateway.resolvePrompt("fixture__review", for: caller)
        let got = try await gateway.getPrompt(prompt, arguments: ["code": "let x = 1"])
        #expect(got.text.contains("Please review: let x = 1"))
        do {
            _ = try await gateway.getPrompt(prompt, arguments: ["code": .string("key = " + Self.key)])
            Issue.record("a secret in a prompt's arguments went through")
        } catch let refusal as ToolRefusal {
            #expect(refusal.rule == "secret-scan" && refusal.error.code == -32003)
            #expect(refusal.error.message.contains("prompt arguments") && !refusal.error.message.contains(Self.key))
        }
        // A caller the policy refuses the prompt does not see it.
        var refused = caller
        refused.mayCall = { !$0.contains("/prompt:") }
        #expect(await gateway.prompts(for: refused).isEmpty)
        await #expect(throws: RPCError.self) { try await gateway.resolvePrompt("fixture__review", for: refused) }
    }

    @Test func resourcesAreRoutedAndTheirURIsAndContentsScanned() async throws {
        let (gateway, caller) = try await GatewayHarness.gateway(try GatewayHarness.fixtureCatalog())
        defer { Task { await gateway.shutdown() } }
        let listed = await gateway.resources(for: caller).compactMap { $0.definition["uri"]?.stringValue }
        #expect(listed == ["fixture://readme"])
        let templates = await gateway.resources(for: caller, templates: true)
        #expect(templates.compactMap { $0.definition["uriTemplate"]?.stringValue } == ["fixture://notes/{name}"])
        #expect(try await gateway.server(forResource: "fixture://notes/a", caller: caller) == "fixture")
        await #expect(throws: RPCError.self) { try await gateway.server(forResource: "other://x", caller: caller) }

        let readme = try await gateway.readResource("fixture://readme", server: "fixture")
        #expect(readme.text.contains("the fixture's readme"))
        // Contents with a secret are redacted (the default) ...
        let leaky = try await gateway.readResource("fixture://notes/leaky", server: "fixture")
        #expect(leaky.text.contains("[REDACTED:aws-access-key-id]") && !leaky.text.contains(Self.key))
        // ... and a URI carrying one is never sent.
        do {
            _ = try await gateway.readResource("fixture://notes/\(Self.key)", server: "fixture")
            Issue.record("a secret in a resource URI went through")
        } catch let refusal as ToolRefusal {
            #expect(refusal.error.message.contains("resource URI carries") && !refusal.error.message.contains(Self.key))
        }
    }

    @Test func aBlockingConfigurationWithholdsAResourceThatCarriesASecret() async throws {
        let (gateway, _) = try await GatewayHarness.gateway(try GatewayHarness.fixtureCatalog(), resultScan: .block)
        defer { Task { await gateway.shutdown() } }
        do {
            _ = try await gateway.readResource("fixture://notes/leaky", server: "fixture")
            Issue.record("the resource went through")
        } catch let refusal as ToolRefusal {
            #expect(refusal.error.code == -32003 && !refusal.error.message.contains(Self.key))
        }
        #expect(try await gateway.readResource("fixture://notes/plain", server: "fixture").text.contains("note plain"))
    }
}
