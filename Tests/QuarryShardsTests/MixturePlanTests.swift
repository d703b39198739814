// MixturePlan: the total solved from weights and epochs, defaults, upsampling, and refusals.
import Testing
import QuarryCore
@testable import QuarryShards

@Suite struct MixturePlanTests {
    @Test func epochsFillTheShareWeightsLeave() throws {
        // web 0.6, wiki 3 epochs of 1M, books 0.2: wiki's 3M tokens are the remaining 0.2·T.
        let plan = try MixturePlan.solve([
            MixtureSourceSpec(name: "web", share: .weight(0.6), tokens: 50_000_000),
            MixtureSourceSpec(name: "wiki", share: .epochs(3), tokens: 1_000_000),
            MixtureSourceSpec(name: "books", share: .weight(0.2), tokens: 2_000_000),
        ])
        #expect(plan.totalTokens == 15_000_000)
        #expect(plan.targets.map(\.tokens) == [9_000_000, 3_000_000, 3_000_000])
        #expect(plan.targets[1].fullEpochs == 3 && plan.targets[1].remainder == 0)
        // books needs 1.5 passes: one whole pass and a 1M-token subset.
        #expect(plan.targets[2].fullEpochs == 1 && plan.targets[2].remainder == 1_000_000)
        #expect(abs(plan.targets[1].requestedWeight - 0.2) < 1e-12)
        #expect(abs(plan.targets[0].requestedEpochs - 0.18) < 1e-12)
        #expect(!plan.weightsNormalised)
    }

    @Test func weightsOnlyTakeTheLargestTotalWithoutRepetition() throws {
        let plan = try MixturePlan.solve([
            MixtureSourceSpec(name: "a", share: .weight(0.5), tokens: 1_000),
            MixtureSourceSpec(name: "b", share: .weight(0.5), tokens: 400),
        ])
        #expect(plan.totalTokens == 800)
        #expect(plan.targets.map(\.tokens) == [400, 400])
        #expect(plan.targets[1].fullEpochs == 1 && plan.targets[1].remainder == 0)
        #expect(plan.targets[0].fullEpochs == 0 && plan.targets[0].remainder == 400)
    }

    @Test func weightsAreNormalisedAndTotalUpsamples() throws {
        let plan = try MixturePlan.solve([
            MixtureSourceSpec(name: "a", share: .weight(3), tokens: 1_000),
            MixtureSourceSpec(name: "b", share: .weight(1), tokens: 1_000),
        ], totalTokens: 10_000)
        #expect(plan.weightsNormalised)
        #expect(plan.targets.map(\.tokens) == [7_500, 2_500])
        #expect(plan.targets[0].fullEpochs == 7 && plan.targets[0].remainder == 500)
        let unnormalised = try MixturePlan.solve([
            MixtureSourceSpec(name: "a", share: .weight(0.3), tokens: 1_000),
            MixtureSourceSpec(name: "b", share: .weight(0.1), tokens: 1_000),
        ], totalTokens: 10_000)
        #expect(unnormalised.weightsNormalised)
        #expect(unnormalised.targets.map(\.tokens) == [7_500, 2_500])
    }

    @Test func fractionalEpochs() throws {
        let plan = try MixturePlan.solve([MixtureSourceSpec(name: "a", share: .epochs(2.5), tokens: 1_000)])
        #expect(plan.totalTokens == 2_500)
        #expect(plan.targets[0].fullEpochs == 2 && plan.targets[0].remainder == 500)
    }

    @Test func refusals() {
        func fails(_ sources: [MixtureSourceSpec], total: Int? = nil) -> Bool {
            (try? MixturePlan.solve(sources, totalTokens: total)) == nil
        }
        #expect(fails([]))
        #expect(fails([MixtureSourceSpec(name: "a", share: .weight(0.5), tokens: 0)]))
        #expect(fails([MixtureSourceSpec(name: "a", share: .weight(-1), tokens: 10)]))
        #expect(fails([MixtureSourceSpec(name: "a", share: .epochs(0), tokens: 10)]))
        #expect(fails([MixtureSourceSpec(name: "a", share: .weight(0.5), tokens: 10), MixtureSourceSpec(name: "a", share: .weight(0.5), tokens: 10)]))
        // Weights summing to 1 leave nothing for the epoch source.
        #expect(fails([MixtureSourceSpec(name: "a", share: .weight(1), tokens: 10), MixtureSourceSpec(name: "b", share: .epochs(1), tokens: 10)]))
        // A total cannot be given when epochs fix it.
        #expect(fails([MixtureSourceSpec(name: "b", share: .epochs(1), tokens: 10)], total: 100))
        #expect(!fails([MixtureSourceSpec(name: "b", share: .epochs(1), tokens: 10)]))
    }

    @Test func shareParsing() throws {
        #expect(try MixtureShare(parsing: "weight=0.6") == .weight(0.6))
        #expect(try MixtureShare(parsing: "epochs=3") == .epochs(3))
        #expect((try? MixtureShare(parsing: "size=3")) == nil)
        #expect((try? MixtureShare(parsing: "weight=x")) == nil)
        #expect((try? MixtureShare(parsing: "weight")) == nil)
    }
}
