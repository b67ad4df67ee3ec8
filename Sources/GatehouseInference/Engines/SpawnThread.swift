import Dispatch
import Foundation
import GatehouseCore
import Synchronization

/// One thread that lives as long as the server and performs every spawn.
///
/// `PR_SET_PDEATHSIG` fires when the *thread* that spawned a child exits, not the process.
/// Swift concurrency's pool threads come and go, so children must be spawned from a thread
/// that never ends; otherwise an idle pool thread retiring would kill a healthy engine.
final class SpawnThread: Sendable {
    /// The process-wide spawner.
    static let shared = SpawnThread()

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let signal = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { self.loop() }
        thread.name = "gatehouse-engine-spawner"
        thread.start()
    }

    private func loop() -> Never {
        while true {
            signal.wait()
            let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            job?()
        }
    }

    /// Runs `body` on the spawner thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(GatehouseError) -> T) async throws(GatehouseError) -> T
    {
        let result: Result<T, GatehouseError> = await withCheckedContinuation { continuation in
            jobs.withLock {
                $0.append {
                    do throws(GatehouseError) { continuation.resume(returning: .success(try body())) } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
            signal.signal()
        }
        return try result.get()
    }
}

/// Sleeps without observing task cancellation, for cleanup that must finish (reaping a child).
func uncancellableSleep(_ duration: Duration) async {
    let nanos = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanos))) { continuation.resume() }
    }
}
