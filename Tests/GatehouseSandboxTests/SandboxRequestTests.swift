import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// Sandbox requests as the API and the CLI send them: every limit checked, every bad value
/// refused with a message naming it.
@Suite struct SandboxRequestTests {
    @Test func limitsAndNetworkAreApplied() throws {
        var request = SandboxRequest(command: ["/bin/true"])
        request.memory = "64m"
        request.pids = 32
        request.cpuSeconds = 5
        request.cpus = 0.5
        request.timeout = "2m"
        request.allowHosts = ["pypi.org:443"]
        let spec = try request.spec(workspaceRoots: [])
        #expect(spec.limits.memoryBytes == 64 << 20)
        #expect(spec.limits.pids == 32)
        #expect(spec.limits.cpuSeconds == 5)
        #expect(spec.limits.cpus == 0.5)
        #expect(spec.limits.wallSeconds == 120)
        #expect(spec.network == .proxy(allow: [try HostRule(parsing: "pypi.org:443")]))
        #expect(try SandboxRequest(command: ["/bin/true"]).spec(workspaceRoots: []).network == .none)
    }

    @Test(arguments: [
        ("cpus", "cpus must be"), ("pids", "pids must be"), ("memory", "memory must be"), ("timeout", "timeout"),
        ("network", "network must be"), ("command", "command must name"), ("env", "invalid environment"),
    ])
    func badValuesAreRefusedByName(field: String, message: String) {
        var request = SandboxRequest(command: ["/bin/true"])
        switch field {
        case "cpus": request.cpus = 0
        case "pids": request.pids = 0
        case "memory": request.memory = "1K"
        case "timeout": request.timeout = "25h"
        case "network": request.network = "internet"
        case "command": request.command = [""]
        default: request.env = ["A=B": "c"]
        }
        #expect {
            _ = try request.spec(workspaceRoots: [])
        } throws: { error in
            (error as? GatehouseError)?.code == .badRequest
                && (error as? GatehouseError)?.message.contains(message) == true
        }
    }

    @Test func workspacesOutsideTheRootsAreForbidden() throws {
        var request = SandboxRequest(command: ["/bin/true"])
        request.workspace = NSTemporaryDirectory()
        #expect {
            _ = try request.spec(workspaceRoots: ["/srv/nowhere"])
        } throws: { error in
            (error as? GatehouseError)?.code == .forbidden
        }
    }

    @Test func cpuQuotasAreWholeMicroseconds() {
        #expect(CgroupLimits.quota(0.25) == 25_000)
        #expect(CgroupLimits.quota(2) == 200_000)
        #expect(CgroupLimits.quota(0.001) == 1000)  // the kernel's minimum
        #expect(MicroVMBackend.virtualCPUs(nil) == 1)
        #expect(MicroVMBackend.virtualCPUs(0.3) == 1)
        #expect(MicroVMBackend.virtualCPUs(1.5) == min(2, ProcessInfo.processInfo.activeProcessorCount))
    }
}
