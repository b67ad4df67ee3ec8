import GatehouseCore
import Testing

/// The test harness itself: a server that cannot start fails its test instead of hanging the run.
struct ServerHarnessTests {
    @Test(.timeLimit(.minutes(2))) func aServerThatCannotStartFailsTheTestWithTheReason() async throws {
        // Nothing listens on port 9: the start-up's store check fails.
        let config = ServerHarness.config(store: "postgres://nobody@127.0.0.1:9/none?sslmode=disable")
        let error = await #expect(throws: GatehouseError.self) {
            try await ServerHarness.withServer(config: config) { _ in
                Issue.record("the body ran although the server could not start")
            }
        }
        #expect(error?.message.contains("the test server did not start") == true, "\(String(describing: error))")
        #expect(error?.message.contains("127.0.0.1:9") == true, "\(String(describing: error))")
    }
}
