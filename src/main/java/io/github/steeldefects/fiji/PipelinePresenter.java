package io.github.steeldefects.fiji;

import io.github.steeldefects.commands.PipelineCommand;
import io.github.steeldefects.commands.SteelCommand;

/**
 * Shows a pipeline run as the single commands show their results, step by step: the imported
 * stack and class summary, the split's table and plot, the live training plot, the predictions,
 * and last the F1 table in the Results table with the confusion matrices and threshold plot.
 */
public class PipelinePresenter implements Presenters.Presenter {

	@Override
	public void prepare(SteelCommand command, boolean headless) {
		((PipelineCommand) command).setStepListener(new PipelineCommand.StepListener() {

			private Presenters.Presenter current;

			@Override
			public void before(String step, SteelCommand c) {
				current = Presenters.find(step);
				if (current != null) current.prepare(c, headless);
			}

			@Override
			public void after(String step, SteelCommand c) {
				Presenters.show(current, c);
				current = null;
			}
		});
	}

	@Override
	public void show(SteelCommand command, boolean headless) {
		Ij1.progress().log(command.summary().lines().findFirst().orElse(""));
	}
}
