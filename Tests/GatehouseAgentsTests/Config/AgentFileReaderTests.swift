import GatehouseAgents
import GatehouseCore
import Testing

@Suite struct AgentFileReaderTests {
    static let valid = """
        version: "7"
        metadata: {author: platform-team, license: Apache-2.0}
        agents:
          root:
            model: fast
            description: Plans and delegates
            instruction: You coordinate.
            sub_agents: [coder]
            handoffs: [reviewer]
            add_date: true
            max_iterations: 8
            commands:
              fix: "Fix the failing tests"
            toolsets:
              - type: think
              - type: todo
                shared: true
          coder:
            model: dmr/ai/smollm2
            toolsets:
              - type: filesystem
                tools: [read_file, write_file]
              - type: mcp
                ref: docker:time
              - type: script
                shell:
                  greet:
                    cmd: echo "hello $NAME"
                    args: {NAME: {description: who}}
                    required: [NAME]
          reviewer:
            model: openai/gpt-4o
        models:
          fast: {provider: openai, model: fast, temperature: 0.2, provider_opts: {tool_choice: required}}
        permissions:
          allow: ["read_*"]
          deny: ["shell:cmd=rm*"]
        """

    @Test func aValidFileReadsInOrderWithItsModelsAndToolsets() throws {
        let file = try AgentFileReader.read(Self.valid, file: "team.yaml")
        #expect(file.agents.map(\.name) == ["root", "coder", "reviewer"])
        #expect(file.defaultAgent.name == "root")
        let root = try #require(file.agent(named: "root"))
        #expect(root.subAgents == ["coder"])
        #expect(root.maxIterations == 8)
        #expect(root.commands == [AgentCommand(name: "fix", instruction: "Fix the failing tests")])
        #expect(root.toolsets.map(\.kind) == [.think, .todo])
        #expect(root.toolsets[1].shared)
        let coder = try #require(file.agent(named: "coder"))
        #expect(coder.toolsets[0].tools == ["read_file", "write_file"])
        #expect(coder.toolsets[1].ref == "docker:time")
        #expect(coder.toolsets[2].scripts.first?.required == ["NAME"])
        #expect(ModelReference.resolve("dmr/ai/smollm2", in: file).gatewayModel == "smollm2")
        #expect(ModelReference.resolve("openai/gpt-4o", in: file).gatewayModel == "gpt-4o")
        #expect(ModelReference.resolve("fast", in: file).providerOptions["tool_choice"] == "required")
        #expect(ModelReference.resolve("smollm2", in: file).gatewayModel == "smollm2")
        #expect(file.permissions.verdict(name: "shell", arguments: ["cmd": "rm -rf /"]) == .deny("shell:cmd=rm*"))
        #expect(file.metadata.author == "platform-team")
    }

    @Test func everyProblemIsReportedWithLineAndKeyPath() {
        let text = """
            version: "7"
            agents:
              root:
                model: fast
                instructions: typo
                sub_agents: [helper, ghost]
                toolsets:
                  - type: api
                  - type: mcp
                  - type: shell
                    path: /nope
              helper:
                model: a,b
                sub_agents: [root]
            mcps:
              loop: {ref: loop}
            """
        #expect {
            try AgentFileReader.read(text, file: "bad.yaml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            let lines = error.diagnostics.map(\.description)
            let expected = [
                "bad.yaml:5: agents.root.instructions: unknown key (did you mean \"instruction\"?)",
                "bad.yaml:8: agents.root.toolsets[0].type: toolset type api is not run by Gatehouse",
                "bad.yaml:9: agents.root.toolsets[1]: an mcp toolset needs exactly one of ref, command or remote.url",
                "bad.yaml:11: agents.root.toolsets[2].path: unknown key",
                "agents.root: sub_agents names \"ghost\", which is not an agent of this file",
                "agents.helper: model lists (a,b) are not supported",
                "agents: sub_agents form a cycle: root -> helper -> root",
                "bad.yaml:16: mcps.loop: an entry of mcps refers to the catalog with ref: docker:NAME",
            ]
            return expected.allSatisfy { want in lines.contains { $0.contains(want) } }
        }
    }

    @Test func versionIsRequiredAndChecked() {
        for (text, message) in [
            ("agents: {root: {model: m}}", "missing required key \"version\""),
            ("version: \"9\"\nagents: {root: {model: m}}", "unsupported version \"9\""),
            ("", "the document is empty"),
        ] {
            #expect {
                try AgentFileReader.read(text, file: "v.yaml")
            } throws: { error in
                (error as? ConfigError)?.description.contains(message) == true
            }
        }
    }

    @Test func hostileTextIsRefusedBeforeItIsRead() {
        let bomb = "version: \"7\"\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\nagents: {}\n"
        #expect(throws: ConfigError.self) { try AgentFileReader.read(bomb, file: "bomb.yaml") }
        let deep = "version: \"7\"\nagents:\n" + String(repeating: "[", count: 5000)
        #expect(throws: ConfigError.self) { try AgentFileReader.read(deep, file: "deep.yaml") }
    }
}
