import Foundation
import GatehouseTestSupport
import HummingbirdTesting
import Testing

/// The two public SCIM conformance suites, run against a live Gatehouse on 127.0.0.1.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SCIM_VENV"] != nil,
        "GATEHOUSE_TEST_SCIM_VENV is not set: run scripts/test.sh, which installs scim2-cli and scim-sanity"))
struct SCIMConformanceTests {
    static let venv = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SCIM_VENV"] ?? ""

    /// Runs a tool of the venv; returns its exit status and output, without blocking a thread of
    /// the cooperative pool, which also runs the server under test.
    static func run(_ tool: String, _ arguments: [String]) async throws -> (Int32, String) {
        try await ChildProcess.run(venv + "/bin/" + tool, arguments)
    }

    @Test func scim2TesterPassesEveryCheck() async throws {
        try await SCIMHarness.withServer { context in
            let url = "http://127.0.0.1:\(try #require(context.client.port))/scim/v2"
            let (status, output) = try await Self.run(
                "scim", ["--url", url, "-h", "Authorization: Bearer \(SCIMHarness.token)", "test", "-v"])
            let failures = output.split(separator: "\n").filter { !$0.hasPrefix("SUCCESS") && !$0.hasPrefix(" ") }
            #expect(status == 0, "scim test failed:\n\(failures.joined(separator: "\n"))\n\(output.suffix(4000))")
        }
    }

    @Test func scimSanityReportsNoFailures() async throws {
        try await SCIMHarness.withServer { context in
            let url = "http://127.0.0.1:\(try #require(context.client.port))/scim/v2"
            let (status, output) = try await Self.run(
                "scim-sanity",
                ["probe", url, "--token", SCIMHarness.token, "--i-accept-side-effects", "--json-output"])
            let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let summary = try #require(report?["summary"] as? [String: Any], "no summary in:\n\(output.prefix(2000))")
            let failed = (report?["results"] as? [[String: Any]] ?? []).filter {
                ["fail", "error"].contains($0["status"] as? String ?? "")
            }
            #expect(summary["failed"] as? Int == 0, "failed: \(failed)")
            #expect(summary["errors"] as? Int == 0, "errors: \(failed)")
            #expect((summary["passed"] as? Int ?? 0) > 20)
            #expect(status == 0)
        }
    }
}
