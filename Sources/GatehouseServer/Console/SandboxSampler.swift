import GatehouseCore
import GatehouseSandbox
import ServiceLifecycle
import Synchronization

/// How many sandboxes were running on this replica over the last day, sampled every minute:
/// the overview's "sandboxes running" chart. Kept in memory (a day is 1,440 samples), so a
/// restart starts the chart afresh.
final class SandboxSampler: Service, Sendable {
    let manager: SandboxManager
    private let samples = Mutex<[(micros: Int64, running: Int)]>([])

    /// How long samples are kept.
    static let keepMicros: Int64 = 86_400_000_000

    init(manager: SandboxManager) {
        self.manager = manager
    }

    /// Records a sample; samples older than a day are dropped.
    func record(running: Int, atMicros micros: Int64) {
        samples.withLock { samples in
            samples.append((micros, running))
            if let first = samples.first, micros - first.micros > Self.keepMicros {
                samples.removeAll { micros - $0.micros > Self.keepMicros }
            }
        }
    }

    /// How many samples are kept.
    var sampleCount: Int { samples.withLock { $0.count } }

    /// The most sandboxes running in each of the last `hours` hours, oldest first.
    func hourlyPeak(hours: Int, nowMicros: Int64) -> [ConsoleChart.Bar] {
        let taken = samples.withLock { $0 }
        return AuditWindow.hours(hours, nowMicros: nowMicros).map { hour in
            let peak = taken.filter { hour.range.contains($0.micros) }.map(\.running).max() ?? 0
            return ConsoleChart.Bar(label: hour.label, value: Double(peak))
        }
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    let running = await self.manager.runningCount
                    self.record(running: running, atMicros: WallClock.nowMicros())
                    try? await Task.sleep(for: .seconds(60))
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}
