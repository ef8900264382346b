package io.rnnkit.models.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of the fused layers: {@code W} [nIn, G·H], {@code RW} [H, G·H], {@code b} [1, G·H] and,
 * for the GRU, {@code RB} [1, H], laid out one after another in the flat vector, weights in 'f'
 * order, exactly like DL4J's {@code LSTM} and {@code SimpleRnn}.
 */
public final class FusedRecurrentParamInitializer implements ParamInitializer {

    /** Parameter key of the input weights W [nIn, G·H]. */
    public static final String INPUT_WEIGHT_KEY = "W";
    /** Parameter key of the recurrent weights RW [H, G·H]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Parameter key of the bias b [1, G·H]. */
    public static final String BIAS_KEY = "b";
    /** Parameter key of the GRU's recurrent candidate bias RB [1, H]. */
    public static final String RECURRENT_BIAS_KEY = "RB";

    static final FusedRecurrentParamInitializer INSTANCE = new FusedRecurrentParamInitializer();

    private static final List<String> WEIGHT_KEYS = List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);

    private FusedRecurrentParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) layer;
        long h = l.getNOut();
        long gh = l.gateCount() * h;
        return l.getNIn() * gh + h * gh + gh + (l.hasRecurrentBias() ? h : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return ((FusedRecurrentLayer) layer).hasRecurrentBias()
                ? List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY, RECURRENT_BIAS_KEY)
                : List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((FusedRecurrentLayer) layer).hasRecurrentBias() ? List.of(BIAS_KEY, RECURRENT_BIAS_KEY)
                : List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || RECURRENT_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FusedRecurrentLayer layer = (FusedRecurrentLayer) conf.getLayer();
        for (String key : paramKeys(layer)) {
            conf.addVariable(key);
        }
        Map<String, INDArray> views = split(layer, paramsView);
        if (initializeParams) {
            long nIn = layer.getNIn();
            long h = layer.getNOut();
            long gh = layer.gateCount() * h;
            IWeightInit init = layer.getWeightInitFn() != null ? layer.getWeightInitFn() : new WeightInitXavier();
            IWeightInit recurrentInit = layer.getWeightInitFnRecurrent() != null ? layer.getWeightInitFnRecurrent() : init;
            init.init(nIn, gh, new long[] {nIn, gh}, 'f', views.get(INPUT_WEIGHT_KEY));
            recurrentInit.init(h, gh, new long[] {h, gh}, 'f', views.get(RECURRENT_WEIGHT_KEY));
            layer.initializeBias(views.get(BIAS_KEY));
            if (layer.hasRecurrentBias()) {
                views.get(RECURRENT_BIAS_KEY).assign(layer.getBiasInit());
            }
        }
        return Collections.synchronizedMap(views);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split((FusedRecurrentLayer) conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> split(FusedRecurrentLayer layer, INDArray flat) {
        long nIn = layer.getNIn();
        long h = layer.getNOut();
        long gh = layer.gateCount() * h;
        if (flat.length() != numParams(layer)) {
            throw new IllegalStateException("Expected a parameter view of length " + numParams(layer) + ", got "
                    + flat.length());
        }
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long start = 0;
        out.put(INPUT_WEIGHT_KEY, segment(row, start, nIn * gh).reshape('f', nIn, gh));
        start += nIn * gh;
        out.put(RECURRENT_WEIGHT_KEY, segment(row, start, h * gh).reshape('f', h, gh));
        start += h * gh;
        out.put(BIAS_KEY, segment(row, start, gh).reshape(1, gh));
        start += gh;
        if (layer.hasRecurrentBias()) {
            out.put(RECURRENT_BIAS_KEY, segment(row, start, h).reshape(1, h));
        }
        return out;
    }

    private static INDArray segment(INDArray row, long start, long length) {
        return row.get(NDArrayIndex.point(0), NDArrayIndex.interval(start, start + length));
    }
}
