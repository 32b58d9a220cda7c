package io.github.steeldefects.fiji;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.scijava.plugin.PluginInfo;

import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.commands.SteelCommand;

/** Finds the {@link Presenter} of a command type in the plugin index, and shows a finished command's results with it. */
final class Presenters {

	private static volatile Map<Class<?>, Class<?>> byCommand;

	private Presenters() {}

	/** A presenter bound to its command: prepare before the run, show after it. */
	record Bound(Presenter<SteelCommand> presenter, SteelCommand command) {

		void prepare(boolean headless) {
			if (presenter != null) presenter.prepare(command, headless);
		}

		/** The results shown (the summary logged when the command has no presenter). */
		void show() {
			boolean headless = GraphicsEnvironment.isHeadless();
			if (presenter != null) presenter.show(command, headless);
			else if (!command.summary().isEmpty()) Ij1.progress().log(command.summary());
		}
	}

	/** A fresh presenter of this command (one instance serves prepare and show), or none. */
	@SuppressWarnings("unchecked")
	static Bound of(SteelCommand command) {
		Class<?> type = presenters().get(command.getClass());
		if (type == null) return new Bound(null, command);
		try {
			return new Bound((Presenter<SteelCommand>) type.getDeclaredConstructor().newInstance(), command);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot create " + type.getName(), e);
		}
	}

	/** The presenter classes by the command type they show. */
	static Map<Class<?>, Class<?>> presenters() {
		Map<Class<?>, Class<?>> m = byCommand;
		if (m == null) {
			m = new HashMap<>();
			for (PluginInfo<Presenter> info : Commands.plugins(Presenter.class)) {
				Class<?> p = Commands.load(info);
				Class<?> shown = commandType(p);
				if (shown == null) throw new IllegalStateException(p.getName() +
					" must implement Presenter<SomeCommand> with the command type it shows.");
				Class<?> before = m.put(shown, p);
				if (before != null) throw new IllegalStateException("Two presenters show " + shown.getSimpleName() + ": " +
					before.getName() + " and " + p.getName() + ".");
			}
			byCommand = m = Collections.unmodifiableMap(m);
		}
		return m;
	}

	/** The C of {@code implements Presenter<C>}, or null. */
	static Class<?> commandType(Class<?> presenter) {
		for (Type t : presenter.getGenericInterfaces()) {
			if (t instanceof ParameterizedType pt && pt.getRawType() == Presenter.class &&
				pt.getActualTypeArguments()[0] instanceof Class<?> arg) return arg;
		}
		return null;
	}
}
