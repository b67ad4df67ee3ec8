import GatehouseStore
import GatehouseTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The server on PostgreSQL while the database goes away and comes back.
@Suite(
    .enabled(
        if: PostgresAdmin.available,
        "GATEHOUSE_TEST_POSTGRES_URL is not set: run scripts/test.sh, which starts a throwaway PostgreSQL"),
    // It hung the whole suite, rarely, in parallel runs (see the issue note); past this it is
    // cancelled and reported instead.
    .timeLimit(.minutes(3))
)
struct StoreOutageTests {
    @Test func storeThatGoesAwayIs503AndNothingIsHalfWritten() async throws {
        let admin = try PostgresAdmin()
        try await admin.withDatabase { location in
            let url =
                "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)?sslmode=disable"
            try await ServerHarness.withServer(config: ServerHarness.config(store: url)) { context in
                let admin = try PostgresAdmin()
                let auth = ServerHarness.bearer(ServerHarness.adminToken)
                try await context.client.execute(uri: "/api/v1/whoami", method: .get, headers: auth) {
                    #expect($0.status == .ok)
                }
                try await admin.cutOff(location.database)
                try await context.client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                    #expect(body.error.code == "store_unavailable")
                }
                try await context.client.execute(uri: "/api/v1/whoami", method: .get, headers: auth) { response in
                    #expect(response.status == .serviceUnavailable)
                    let body = try ServerHarness.decode(ServerHarness.ErrorBody.self, response.body)
                    #expect(body.error.code == "store_unavailable")
                    #expect(body.error.message == "the store is unavailable; try again later")
                }
                try await admin.restore(location.database)
                var ready = false
                for _ in 0..<50 where !ready {
                    try await context.client.execute(uri: "/readyz", method: .get) { ready = $0.status == .ok }
                }
                #expect(ready)
                try await context.client.execute(uri: "/api/v1/audit/verify", method: .get, headers: auth) {
                    response in
                    #expect(response.status == .ok)
                    let body = String(buffer: response.body)
                    #expect(body.contains(#""intact":true"#))
                    // bootstrap + the first whoami; the refused request left no record.
                    #expect(body.contains(#""records":2"#))
                }
            }
        }
    }
}
