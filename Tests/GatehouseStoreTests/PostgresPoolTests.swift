import Foundation
import Logging
import PostgresNIO
import Testing

@testable import GatehouseStore

/// When the PostgreSQL pool is replaced: after calls have failed for a while, at most once per
/// that interval, never after shutdown; and shutting down does not wait on a pool without end.
struct PostgresPoolTests {
    /// A pool of clients aimed at a port nothing listens on (they only ever fail to connect).
    private func pool() -> PostgresPool {
        PostgresPool(recycleAfter: .seconds(10)) {
            let configuration = PostgresClient.Configuration(
                host: "127.0.0.1", port: 9, username: "nobody", password: nil, database: "none", tls: .disable)
            return PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "test"))
        }
    }

    @Test func replacedOnlyAfterFailingForTheIntervalAndAtMostOncePerInterval() async {
        let pool = pool()
        // Before it runs, nothing is replaced.
        #expect(!pool.failed(now: .now) && !pool.failed(now: .now + .seconds(60)))
        let running = Task { await pool.run() }
        while !pool.isRunning { await Task.yield() }
        let start = ContinuousClock.now
        let first = pool.client
        #expect(!pool.failed(now: start))
        #expect(!pool.failed(now: start + .seconds(5)))
        #expect(pool.failed(now: start + .seconds(11)))
        #expect(pool.client !== first)
        #expect(pool.recycled == 1)
        // Still failing, but the last replacement is recent.
        #expect(!pool.failed(now: start + .seconds(15)))
        #expect(pool.failed(now: start + .seconds(22)))
        // A success ends the failing spell: the next failure starts a new one.
        pool.succeeded()
        #expect(!pool.failed(now: start + .seconds(40)))
        #expect(pool.recycled == 2)
        running.cancel()
        await running.value
        // After shutdown nothing is replaced.
        #expect(!pool.failed(now: start + .seconds(60)))
        #expect(!pool.failed(now: start + .seconds(80)))
        #expect(pool.recycled == 2)
    }
}
