import Foundation
import GatehouseCore

extension SandboxProbe {
    /// Boots a probe guest: with KVM first (a `/dev/kvm` that exists may still not run this
    /// guest, so only a boot decides), then with software emulation. The answer is kept per host
    /// boot next to the image, so later starts do not boot again.
    public static func probeMicroVM(stateRoot: String) async -> (MicroVMBackend?, BackendReport) {
        func unavailable(_ reason: String) -> (MicroVMBackend?, BackendReport) {
            (nil, BackendReport(name: "microvm", level: .microvm, available: false, reason: reason, details: [:]))
        }
        #if !arch(x86_64)
            return unavailable("the microVM backend supports x86_64 hosts only")
        #endif
        guard let qemu = executable("qemu-system-x86_64") else {
            return unavailable("qemu-system-x86_64 is not installed (Debian package qemu-system-x86)")
        }
        guard let image = microVMImage() else {
            return unavailable("no microVM image; build one with scripts/microvm-image.sh build")
        }
        guard let helper = helperPath() else {
            return unavailable("gatehouse-sandbox-init was not found next to the gatehouse executable")
        }
        let bootID =
            (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
        let cache = image + "/probe-" + bootID
        var answer = (try? String(contentsOfFile: cache, encoding: .utf8))?.trimmingCharacters(
            in: .whitespacesAndNewlines)
        if answer == nil {
            answer = "fail: a probe guest booted neither with KVM nor with emulation"
            var tried: [String] = []
            for (accelerator, seconds) in [("kvm", 15), ("tcg", 120)] {
                if accelerator == "kvm", access("/dev/kvm", R_OK | W_OK) != 0 { continue }
                let candidate = MicroVMBackend(
                    qemu: qemu, image: image, accelerator: accelerator, stateRoot: stateRoot, helper: helper)
                var spec = SandboxSpec(command: ["/bin/true"])
                spec.limits.wallSeconds = seconds
                let output = OutputCollector()
                let result = try? await candidate.run(
                    SandboxRun(
                        id: "probe-vm-" + UUID().uuidString.prefix(8).lowercased(), spec: spec, output: output.collect))
                if result?.reason == .exited(0) {
                    answer = accelerator
                    break
                }
                tried.append("\(accelerator): \(result.map { "\($0.reason)" } ?? "did not start")")
            }
            if answer?.hasPrefix("fail") == true { answer! += " (" + tried.joined(separator: "; ") + ")" }
            try? answer!.write(toFile: cache, atomically: true, encoding: .utf8)
        }
        guard let accelerator = answer, !accelerator.hasPrefix("fail") else {
            return unavailable(answer ?? "not probed")
        }
        let backend = MicroVMBackend(
            qemu: qemu, image: image, accelerator: accelerator, stateRoot: stateRoot, helper: helper)
        return (backend, BackendReport(name: "microvm", level: .microvm, available: true, details: backend.details))
    }

    /// `GATEHOUSE_MICROVM_IMAGE`, else the newest image built by scripts/microvm-image.sh.
    public static func microVMImage() -> String? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["GATEHOUSE_MICROVM_IMAGE"] {
            return fileManager.fileExists(atPath: path + "/vmlinuz") ? path : nil
        }
        let root = ProcessInfo.processInfo.environment["GATEHOUSE_MICROVM_DIR"] ?? "/var/tmp/gatehouse-microvm"
        let candidates = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? []).map { root + "/" + $0 }
            .filter { fileManager.fileExists(atPath: $0 + "/.ok") }
        return candidates.max { a, b in
            let dateA = (try? fileManager.attributesOfItem(atPath: a)[.modificationDate] as? Date) ?? .distantPast
            let dateB = (try? fileManager.attributesOfItem(atPath: b)[.modificationDate] as? Date) ?? .distantPast
            return dateA < dateB
        }
    }
}
