package io.github.steeldefects.io;

import java.io.IOException;

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
		.registerTypeAdapter(double.class, doubles()).registerTypeAdapter(Double.class, doubles())
		.registerTypeAdapter(float.class, floats()).registerTypeAdapter(Float.class, floats()).create();

	private static TypeAdapter<Double> doubles() {
		return new TypeAdapter<>() {
			@Override
			public void write(JsonWriter out, Double v) throws IOException {
				if (v == null || v.isNaN() || v.isInfinite()) out.nullValue();
				else out.value(v.doubleValue());
			}

			@Override
			public Double read(JsonReader in) throws IOException {
				if (in.peek() == JsonToken.NULL) {
					in.nextNull();
					return Double.NaN;
				}
				return in.nextDouble();
			}
		};
	}

	private static TypeAdapter<Float> floats() {
		return new TypeAdapter<>() {
			@Override
			public void write(JsonWriter out, Float v) throws IOException {
				if (v == null || v.isNaN() || v.isInfinite()) out.nullValue();
				else out.value(v); // Gson writes a float's shortest decimal, not a widened double
			}

			@Override
			public Float read(JsonReader in) throws IOException {
				if (in.peek() == JsonToken.NULL) {
					in.nextNull();
					return Float.NaN;
				}
				return (float) in.nextDouble();
			}
		};
	}
}
