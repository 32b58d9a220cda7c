package io.github.steeldefects.io;

import java.io.IOException;
import java.util.function.DoubleFunction;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The one JSON writer: strict JSON (RFC 8259) that Python's and JavaScript's strict parsers read.
 * An undefined number (NaN, an infinity) is written as {@code null} and read back as NaN; older
 * files with bare {@code NaN} are still read.
 */
public final class Json {

	private Json() {}

	/** Pretty-printed, nulls written (a field that is undefined says so instead of disappearing). */
	public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
		.registerTypeAdapter(double.class, Json.<Double>undefinedAsNull(d -> d))
		.registerTypeAdapter(Double.class, Json.<Double>undefinedAsNull(d -> d))
		.registerTypeAdapter(float.class, Json.<Float>undefinedAsNull(d -> (float) d))
		.registerTypeAdapter(Float.class, Json.<Float>undefinedAsNull(d -> (float) d)).create();

	/**
	 * Writes NaN and the infinities as null, any other number as its own shortest decimal (a float's,
	 * not a widened double's); reads null back as NaN.
	 */
	private static <T extends Number> TypeAdapter<T> undefinedAsNull(DoubleFunction<T> fromDouble) {
		return new TypeAdapter<>() {
			@Override
			public void write(JsonWriter out, T v) throws IOException {
				if (v == null || Double.isNaN(v.doubleValue()) || Double.isInfinite(v.doubleValue())) out.nullValue();
				else out.value(v);
			}

			@Override
			public T read(JsonReader in) throws IOException {
				if (in.peek() == JsonToken.NULL) {
					in.nextNull();
					return fromDouble.apply(Double.NaN);
				}
				return fromDouble.apply(in.nextDouble());
			}
		};
	}
}
