// `quarry validate`: the checks a run makes before any work, without making the run.
import QuarryCore

public enum PipelineCheck {
    /// Checks the output location and the inputs; returns the number of files and tasks.
    public static func check(_ pipeline: ResolvedPipeline, options: RunOptions) throws -> (files: Int, tasks: Int) {
        let plan = try LocalExecutor(pipeline: pipeline, options: options).prepare()
        return (plan.files.count, plan.tasks.count)
    }
}
