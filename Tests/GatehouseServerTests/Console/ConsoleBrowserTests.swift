import Foundation
import GatehouseCore
import GatehouseStore
import GatehouseTestSupport
import HummingbirdTesting
import Testing

/// The console in real headless Chromium against a live Gatehouse and the nanoidp provider:
/// sign-in, the audit trail's filter finding a seeded denied tool call, revoking a CLI's token,
/// and a non-admin refused the admin pages by direct URL. Screenshots are kept as artifacts.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ISSUER"] != nil,
        "GATEHOUSE_TEST_OIDC_ISSUER is not set: run scripts/test.sh, which starts nanoidp"))
struct ConsoleBrowserTests {
    static let issuer = BrowserLoginTests.issuer

    /// The MCP harness's catalog (the admin may not call `time/convert_time`), sign-in through
    /// nanoidp, and console rights: everyone their own page, auditors (alice) every page.
    static func config(_ tools: MCPHarness.Tools, directory: String) throws -> String {
        try MCPHarness.config(
            tools, directory: directory,
            extra: BrowserLoginTests.identity
        ).replacingOccurrences(
            of: "      - id: own-tokens\n",
            with: "      - {id: console-home, effect: allow, actions: [console.view, identity.login], "
                + "resources: [home, browser, console]}\n      - id: own-tokens\n"
        ).replacingOccurrences(
            of: "      - id: auditors-read\n",
            with: "      - {id: auditors-console, effect: allow, actions: [console.view]}\n      - id: auditors-read\n")
    }

    @Test func anAuditorFindsTheDeniedToolCallAndRevokesTheCLIsToken() async throws {
        let browser = try BrowserDriver.setup()
        let tools = try MCPHarness.tools()
        try await SandboxRoutesTests.requireBackend()
        let gatehouse = try #require(AgentCLITests.binary, "the gatehouse binary is built with the tests")
        let directory = NSTemporaryDirectory() + "gatehouse-console-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ServerHarness.withServer(config: try Self.config(tools, directory: directory)) { context in
            let port = try #require(context.client.port)
            let base = "http://127.0.0.1:\(port)"
            // The seeded scenario: a tool call the policy refuses, through the real MCP client.
            let (refused, _) = try await MCPHarness.client(
                tools, port: port, token: ServerHarness.adminToken,
                ["call", "time__convert_time", #"{"source_timezone":"UTC","time":"12:00","target_timezone":"UTC"}"#])
            #expect(refused == 3)

            let user = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ALICE_USERNAME"] ?? "alice"
            let password = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_ALICE_PASSWORD"] ?? "alice-password"
            let signIn = BrowserDriver.signIn(
                base: base, issuer: Self.issuer, user: user, password: password, path: "/console/audit")
            let first = try await BrowserDriver.run(
                browser, name: "console-auditor",
                steps: signIn + [
                    ["fill": ["css": "#audit-filter input[name=action]", "text": "tool.call"]],
                    ["select": ["css": "#audit-filter select[name=decision]", "value": "deny"]],
                    ["submit": "#audit-filter button"],
                    ["wait_text": ["css": "#audit-records", "contains": "time/convert_time"], "as": "denied"],
                    ["expect_no_text": ["css": "#audit-records", "contains": "get_current_time"]],
                    ["screenshot": "console-audit-denied-tool-call.png"],
                    ["window": [390, 844]],
                    ["screenshot": "console-audit-phone.png"],
                    ["window": [1280, 900]],
                    ["open": base + "/console/mcp"],
                    ["wait_text": ["css": "#mcp-servers tr[data-server=time]", "contains": "command"]],
                    ["text": "#mcp-calls tr[data-tool='time/convert_time']", "as": "calls"],
                    ["open": base + "/console/sandboxes"],
                    ["wait_text": ["css": "#backends", "contains": "namespaces"]],
                    ["open": base + "/console/overview"], ["wait": "svg.chart"],
                    ["screenshot": "console-overview.png"],
                    ["open": base + "/console"],
                    ["fill": ["css": "#create-token input[name=name]", "text": "laptop-cli"]],
                    ["submit": "#create-token button"],
                    ["wait": "#new-token-secret"],
                    ["text": "#new-token-secret", "as": "secret"],
                    ["attr": ["css": "tr[data-token-name=laptop-cli]", "name": "data-token"], "as": "id"],
                    ["screenshot": "console-new-token.png"],
                ])
            let named = first["named"] as? [String: Any] ?? [:]
            #expect((named["denied"] as? String)?.contains("no-convert") == true)
            #expect((named["calls"] as? String)?.hasSuffix("0 1 0") == true, "allowed 0, denied 1, failed 0")
            let secret = try #require(named["secret"] as? String)
            let id = try #require(named["id"] as? String)

            // The CLI works with the token…
            let cli = ["GATEHOUSE_SERVER": base, "GATEHOUSE_TOKEN": secret, "HOME": directory]
            let (before, listed) = try await ChildProcess.run(gatehouse, ["token", "ls"], environment: cli)
            #expect(before == 0, "\(listed)")
            #expect(listed.contains("laptop-cli"))

            // …until it is revoked in the console, and then at once not.
            _ = try await BrowserDriver.run(
                browser, name: "console-revoke",
                steps: BrowserDriver.signIn(
                    base: base, issuer: Self.issuer, user: user, password: password, path: "/console")
                    + [
                        ["js": "window.confirm = function () { return true; }; return true;"],
                        ["submit": "button[data-revoke='\(id)']"],
                        ["wait_text": ["css": "tr[data-token='\(id)'] .state", "contains": "revoked"]],
                        ["screenshot": "console-token-revoked.png"],
                    ])
            let (after, refusal) = try await ChildProcess.run(gatehouse, ["token", "ls"], environment: cli)
            #expect(after != 0)
            #expect(refusal.contains("revoked"), "\(refusal)")
        }
    }

    @Test func aNonAdminIsRefusedTheAdminPagesEvenByDirectURL() async throws {
        let browser = try BrowserDriver.setup()
        let tools = try MCPHarness.tools()
        let directory = NSTemporaryDirectory() + "gatehouse-console-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ServerHarness.withServer(config: try Self.config(tools, directory: directory)) { context in
            let base = "http://127.0.0.1:\(try #require(context.client.port))"
            let user = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_BOB_USERNAME"] ?? "bob"
            let password = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_OIDC_BOB_PASSWORD"] ?? "bob-password"
            let result = try await BrowserDriver.run(
                browser, name: "console-non-admin",
                steps: BrowserDriver.signIn(
                    base: base, issuer: Self.issuer, user: user, password: password, path: "/console")
                    + [
                        ["count": "a[data-nav=audit]", "as": "auditLinks"],
                        ["open": base + "/console/audit"], ["expect_status": 403],
                        ["wait_text": ["css": "#error-message", "contains": "console.view"]],
                        ["expect_no_text": ["css": "body", "contains": "Audit trail"]],
                        ["wait_text": ["css": "#who", "contains": user]],
                        ["screenshot": "console-non-admin-refused.png"],
                        ["open": base + "/console/people"], ["expect_status": 403],
                        ["open": base + "/console/policy?groups=admins&action=audit.read"], ["expect_status": 403],
                    ])
            #expect((result["named"] as? [String: Any])?["auditLinks"] as? Int == 0)
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let refused = try await store.queryAudit(
                AuditQuery(subject: user, action: "console.view", decision: "deny"))
            #expect(Set(refused.map(\.event.resource)) == ["audit", "people", "policy"])
            await store.shutdown()
        }
    }
}
