import Foundation
import GatehouseSandbox

// Start-to-exit latency of `true`: the namespace backend (full spec: seccomp, Landlock, cgroup
// limits, read-only system view, protected workspace) against bare bwrap with the same
// namespaces in the same run. Prints medians, p95s and the ratio.
//
//   swift build -c release --scratch-path .build-release --product gatehouse-bench-sandbox
//   .build-release/release/gatehouse-bench-sandbox [--runs 200]

let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 200
let vmRuns = arguments.firstIndex(of: "--vm-runs").flatMap { Int(arguments[$0 + 1]) } ?? 3

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// Runs `bwrap args` and waits, without a shell: `posix_spawn` and `waitpid`, the cheapest way
/// to start it (the backend starts bwrap the same way, so the ratio is Gatehouse's own cost).
func bare(_ bwrap: String) async -> Double {
    let arguments = [
        bwrap, "--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000", "--die-with-parent", "--ro-bind",
        "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64",
        "/lib64", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "/usr/bin/true",
    ]
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = [strdup("PATH=/usr/bin:/bin"), nil]
    defer { for pointer in argv + envp { free(pointer) } }
    let started = ContinuousClock.now
    var pid: pid_t = 0
    guard posix_spawn(&pid, bwrap, nil, nil, argv, envp) == 0 else { fatalError("cannot start \(bwrap)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let elapsed = started.duration(to: .now)
    return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
}

let root = NSTemporaryDirectory() + "gatehouse-bench-sandbox"
let (backends, reports) = await SandboxProbe.run(stateRoot: root)
guard let backend = backends.first(where: { $0.name == "namespaces" }) as? NamespacesBackend else {
    print("the namespace backend is unavailable: \(reports.first?.reason ?? "?")")
    exit(2)
}
let workspace = root + "-ws"
try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
var ours: [Double] = []
var noWorkspace: [Double] = []
var baseline: [Double] = []

func timed(_ spec: SandboxSpec, _ id: String) async throws -> Double {
    let started = ContinuousClock.now
    let result = try await backend.run(SandboxRun(id: id, spec: spec, output: { _ in }))
    let elapsed = started.duration(to: .now)
    guard result.reason == .exited(0) else { fatalError("\(id): \(result)") }
    return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
}

for index in 0..<(runs + 10) {
    // Interleaved, so all see the same machine state; the first 10 of each are warm-up.
    let full = try await timed(SandboxSpec(command: ["/usr/bin/true"], workspace: workspace), "bench-\(index)")
    let plain = try await timed(SandboxSpec(command: ["/usr/bin/true"]), "bench-n\(index)")
    let bwrapMillis = await bare(backend.bwrap)
    if index >= 10 {
        ours.append(full)
        noWorkspace.append(plain)
        baseline.append(bwrapMillis)
    }
}
let (oursMedian, bareMedian) = (percentile(ours, 0.5), percentile(baseline, 0.5))
print(
    "runs: \(runs) each, interleaved; cgroups: \(backend.cgroups?.rawValue ?? "none"), landlock abi \(backend.landlockABI)"
)
print(String(format: "bare bwrap        median %.2f ms  p95 %.2f ms", bareMedian, percentile(baseline, 0.95)))
print(String(format: "namespaces backend median %.2f ms  p95 %.2f ms", oursMedian, percentile(ours, 0.95)))
print(
    String(
        format: "  without workspace median %.2f ms  p95 %.2f ms  (%.2fx)", percentile(noWorkspace, 0.5),
        percentile(noWorkspace, 0.95), percentile(noWorkspace, 0.5) / bareMedian))
print(String(format: "ratio (median)    %.2fx   goal: <= 2x and <= 10 ms", oursMedian / bareMedian))

// The microVM: boot to exit of `true`, a few runs (each boots a kernel).
let (vm, vmReport) = await SandboxProbe.probeMicroVM(stateRoot: root)
if let vm, vmRuns > 0 {
    var boots: [Double] = []
    for index in 0..<vmRuns {
        var spec = SandboxSpec(command: ["/bin/true"])
        spec.limits.wallSeconds = 300
        let started = ContinuousClock.now
        let result = try await vm.run(SandboxRun(id: "bench-vm-\(index)", spec: spec, output: { _ in }))
        let elapsed = started.duration(to: .now)
        guard result.reason == .exited(0) else { fatalError("vm run \(index): \(result)") }
        boots.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    print(
        String(
            format: "microvm (%@)      median %.0f ms over %d boots  goal: <= 3000 ms", vm.accelerator,
            percentile(boots, 0.5), vmRuns))
} else {
    print("microvm: not measured (\(vmReport.reason ?? "unavailable"))")
}
