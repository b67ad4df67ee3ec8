import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct ToolPatternTests {
    @Test func toolAndArgumentGlobsMatchIgnoringCase() throws {
        let pattern = try #require(ToolPattern("shell:cmd=ls*"))
        #expect(pattern.matches(name: "shell", arguments: ["cmd": "LS -la /tmp"]))
        #expect(!pattern.matches(name: "shell", arguments: ["cmd": "rm -rf /"]))
        #expect(!pattern.matches(name: "shell", arguments: [:]))
        #expect(try #require(ToolPattern("read_*")).matches(name: "read_file", arguments: [:]))
        #expect(try #require(ToolPattern("mcp:github:*")).matches(name: "mcp:github:list", arguments: [:]))
        let numeric = try #require(ToolPattern("shell:timeout=30"))
        #expect(numeric.matches(name: "shell", arguments: ["timeout": .number(30)]))
        #expect(ToolPattern("") == nil)
        #expect(ToolPattern("shell:=x") == nil)
    }

    @Test func denyIsEvaluatedFirstAndSessionApprovalsNeverOverrideIt() throws {
        let rules = PermissionRules(
            allow: [try #require(ToolPattern("shell"))], ask: [try #require(ToolPattern("fetch"))],
            deny: [try #require(ToolPattern("shell:cmd=sudo*"))])
        var approval = ToolApproval(rules: rules)
        approval.approvedAll = true
        guard case .refuse = approval.settle(name: "shell", arguments: ["cmd": "sudo rm"], readOnly: false) else {
            Issue.record("a deny rule must win over an approve-everything")
            return
        }
        #expect(approval.settle(name: "shell", arguments: ["cmd": "ls"], readOnly: false) != .ask(""))
        let fresh = ToolApproval(rules: rules)
        guard case .ask = fresh.settle(name: "fetch", arguments: [:], readOnly: true) else {
            Issue.record("an ask rule asks even for read-only tools")
            return
        }
        guard case .run = fresh.settle(name: "think", arguments: [:], readOnly: true) else {
            Issue.record("read-only tools run without asking")
            return
        }
        guard case .ask = fresh.settle(name: "write_file", arguments: [:], readOnly: false) else {
            Issue.record("a writing tool with no rule is asked about")
            return
        }
    }
}
