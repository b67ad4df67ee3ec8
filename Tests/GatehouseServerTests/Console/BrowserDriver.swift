import Foundation
import GatehouseTestSupport
import Testing

/// Runs `browser_driver.py` (headless Chromium through Selenium, scripts/browser-deps.sh) on a
/// list of steps and returns its JSON result. Screenshots go to `GATEHOUSE_TEST_ARTIFACTS`
/// (default /tmp/gatehouse-test-artifacts), kept after the run.
enum BrowserDriver {
    struct Setup {
        let python: String
        let driver: String
    }

    /// The driver and its Python, or a skip naming what is missing.
    static func setup() throws -> Setup {
        let environment = ProcessInfo.processInfo.environment
        guard let python = environment["GATEHOUSE_TEST_BROWSER_PYTHON"],
            let driver = environment["GATEHOUSE_TEST_BROWSER_DRIVER"],
            FileManager.default.isExecutableFile(atPath: python)
        else {
            try Test.cancel("headless Chromium is not installed: run scripts/test-deps.sh (GATEHOUSE_TEST_BROWSER_*)")
        }
        return Setup(python: python, driver: driver)
    }

    /// Runs the steps named `name`; a failed step fails the test with the driver's account of
    /// it (step, error, URL, page text, failure screenshot).
    static func run(_ setup: Setup, name: String, steps: [[String: Any]]) async throws -> [String: Any] {
        let file = NSTemporaryDirectory() + "gatehouse-browser-\(name)-\(UUID().uuidString.prefix(8)).json"
        let script: [String: Any] = ["name": name, "window": [1280, 900], "timeout": 20, "steps": steps]
        try JSONSerialization.data(withJSONObject: script).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (status, output) = try await ChildProcess.run(setup.python, [setup.driver, file])
        let line = output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? "{}"
        let result = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        guard status == 0, result["ok"] as? Bool == true else {
            Issue.record("browser run \(name) failed (exit \(status)): \(output.suffix(4_000))")
            throw CancellationError()
        }
        return result
    }

    /// Steps that sign in at the console through nanoidp as `user`, ending on `path`.
    static func signIn(base: String, issuer: String, user: String, password: String, path: String) -> [[String: Any]] {
        [
            ["open": base + path],
            ["wait_url": ["prefix": issuer + "/"]],
            ["fill": ["css": "input[name=username]", "text": user]],
            ["fill": ["css": "input[name=password]", "text": password]],
            ["submit": "input[name=password]"],
            ["wait_url": ["prefix": base + path]],
            ["wait_text": ["css": "#who", "contains": user]],
        ]
    }
}
