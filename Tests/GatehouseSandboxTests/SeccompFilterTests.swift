import Testing

@testable import GatehouseSandbox

@Suite struct SeccompFilterTests {
    @Test(arguments: SeccompFilter.Architecture.allCases)
    func everyDeniedCallHasANumberAndARule(architecture: SeccompFilter.Architecture) {
        let filter = SeccompFilter(architecture: architecture)
        let instructions = filter.instructions
        for name in SeccompFilter.denied {
            let nr = filter.number(name)
            #expect(nr != nil, "\(name) on \(architecture)")
            // A comparison with the number, followed by RET ERRNO(EPERM).
            let index = instructions.firstIndex { $0.code == 0x15 && $0.k == nr && $0.jt == 0 && $0.jf == 1 }
            #expect(index.map { instructions[$0 + 1] } == .ret(0x0005_0001), "\(name)")
        }
        #expect(filter.program.count == instructions.count * 8)
        #expect(instructions.count < 4096)  // the kernel's BPF_MAXINSNS
    }

    @Test func architectureIsCheckedFirstAndEverythingElseAllowedLast() {
        let instructions = SeccompFilter(architecture: .x86_64).instructions
        #expect(instructions[0] == .load(offset: 4))
        #expect(instructions[1].k == 0xC000_003E)
        #expect(instructions[2] == .ret(0x8000_0000))
        #expect(instructions.last == .ret(0x7FFF_0000))
        // Every jump lands inside the program.
        for (index, instruction) in instructions.enumerated() where instruction.code & 0x07 == 0x05 {
            #expect(index + 1 + Int(instruction.jt) < instructions.count)
            #expect(index + 1 + Int(instruction.jf) < instructions.count)
        }
    }

    @Test func encodingIsSockFilterLittleEndian() {
        #expect(SeccompFilter.Instruction.ret(0x7FFF_0000).bytes == [0x06, 0, 0, 0, 0x00, 0x00, 0xFF, 0x7F])
        #expect(
            SeccompFilter.Instruction.jumpIfEqual(101, thenSkip: 0, elseSkip: 1).bytes == [0x15, 0, 0, 1, 101, 0, 0, 0])
    }
}
