package io.github.steeldefects.fiji;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.commands.PipelineCommand;
import io.github.steeldefects.commands.SteelCommand;

/**
 * Shows a pipeline run as the single commands show their results, step by step: the imported
 * stack and class summary, the split's table and plot, the live training plot, the predictions,
 * and last the F1 table in the Results table with the confusion matrices and threshold plot.
 */
@Plugin(type = Presenter.class)
public class PipelinePresenter implements Presenter<PipelineCommand> {

	@Override
	public void prepare(PipelineCommand command, boolean headless) {
		command.setStepListener(new PipelineCommand.StepListener() {

			private Presenters.Bound current;

			@Override
			public void before(String step, SteelCommand c) {
				current = Presenters.of(c);
				current.prepare(headless);
			}

			@Override
			public void after(String step, SteelCommand c) {
				(current != null ? current : Presenters.of(c)).show();
				current = null;
			}
		});
	}

	@Override
	public void show(PipelineCommand command, boolean headless) {
		Ij1.progress().log(command.summary().lines().findFirst().orElse(""));
	}
}
