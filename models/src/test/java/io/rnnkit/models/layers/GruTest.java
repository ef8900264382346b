package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.gradientsOk;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static io.rnnkit.models.layers.RecurrentTestNets.trailingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GruTest {

    private static Gru gru(int nIn, int nOut) {
        return new Gru.Builder().nIn(nIn).nOut(nOut).build();
    }

    @Test
    void gradientsPassAloneStackedAndMasked() {
        INDArray x = input(3, 4, 5, 21);
        INDArray y = oneHotLabels(3, 5, 22);
        assertThat(gradientsOk(doubleNet(0, 5, gru(4, 5)), x, y, null)).isTrue();
        assertThat(gradientsOk(doubleNet(0, 3, gru(4, 5), gru(5, 3)), x, y, trailingMask(3, 5))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void gradientsPassInsideBidirectional(Bidirectional.Mode mode) {
        int out = mode == Bidirectional.Mode.CONCAT ? 6 : 3;
        MultiLayerNetwork net = doubleNet(0, out, new Bidirectional(mode, gru(4, 3)));
        assertThat(gradientsOk(net, input(3, 4, 5, 23), oneHotLabels(3, 5, 24), trailingMask(3, 5))).isTrue();
    }

    @Test
    void gradientsPassWithTbptt() {
        assertThat(gradientsOk(doubleNet(4, 4, gru(3, 4)), input(2, 3, 4, 25), oneHotLabels(2, 4, 26), null))
                .isTrue();
    }

    @Test
    void parameterLayoutIsDocumentedOne() {
        Layer layer = doubleNet(0, 5, gru(4, 5)).getLayer(0);
        Map<String, INDArray> params = layer.paramTable();
        assertThat(params.keySet()).containsExactly("W", "RW", "b", "RB");
        assertThat(params.get("W").shape()).containsExactly(4, 15);
        assertThat(params.get("RW").shape()).containsExactly(5, 15);
        assertThat(params.get("b").shape()).containsExactly(1, 15);
        assertThat(params.get("RB").shape()).containsExactly(1, 5);
    }

    @ParameterizedTest
    @ValueSource(ints = {13})
    void gradientsPassAtFullVectorWidth(int hidden) {
        assertThat(gradientsOk(doubleNet(0, hidden, gru(3, hidden)), input(2, 3, 4, 29), oneHotLabels(2, 4, 30),
                trailingMask(2, 4))).isTrue();
    }

    /**
     * The layer against {@link ReferenceGru}: outputs, and parameter and input gradients against central
     * differences of the reference. Hidden 13 and 19 fill the vector lanes (8 doubles, 16 floats on
     * AVX-512) and leave a scalar tail; FLOAT runs the float path against the double reference, given
     * the same (float-rounded) weights and data. Tolerances are relative to each array's largest entry;
     * the gradients' in double is set by the central differences (about 3e-9), the float one by float
     * rounding (about 3e-7); double outputs must agree to 1e-12.
     */
    @ParameterizedTest
    @CsvSource({"4, DOUBLE, 1e-7, SIGMOID, 1, true", "13, DOUBLE, 1e-7, SIGMOID, 1, true",
        "19, DOUBLE, 1e-7, SIGMOID, 1, true", "13, FLOAT, 2e-5, SIGMOID, 1, true", "19, FLOAT, 2e-5, SIGMOID, 1, true",
        "13, DOUBLE, 1e-7, HARD_SIGMOID, 1, true", "13, DOUBLE, 1e-7, HARD_SIGMOID, 10, true",
        "19, FLOAT, 2e-5, HARD_SIGMOID, 10, true",
        "4, DOUBLE, 1e-7, SIGMOID, 1, false", "13, DOUBLE, 1e-7, SIGMOID, 1, false", "19, FLOAT, 2e-5, SIGMOID, 1, false",
        "13, DOUBLE, 1e-7, HARD_SIGMOID, 10, false", "19, FLOAT, 2e-5, HARD_SIGMOID, 10, false"})
    void matchesPerStepReferenceForwardAndGradients(int hidden, DataType type, double relativeTolerance,
                                                    GateActivation gate, double inputScale, boolean resetAfter) {
        int batch = 2;
        int nIn = 3;
        int steps = 5;
        MultiLayerNetwork net = doubleNet(0, hidden,
                new Gru.Builder().nIn(nIn).nOut(hidden).gateActivation(gate).resetAfter(resetAfter).build());
        // non-zero biases, so that RB's own path (added after the product when the reset comes first) is checked
        Nd4j.getRandom().setSeed(33);
        net.getLayer(0).getParam("b").assign(Nd4j.rand(DataType.DOUBLE, 1, 3 * hidden).subi(0.5));
        net.getLayer(0).getParam("RB").assign(Nd4j.rand(DataType.DOUBLE, 1, hidden).subi(0.5));
        // a scale of 10 drives many hard-sigmoid gates into their clipped, zero-gradient range
        INDArray x = input(batch, nIn, steps, 27).mul(inputScale);
        INDArray upstream = input(batch, hidden, steps, 28);
        if (type == DataType.FLOAT) {
            RecurrentTestNets.roundParamsToFloat(net);
            net = RecurrentTestNets.floatCopy(net);
            x = RecurrentTestNets.roundedToFloat(x);
            upstream = RecurrentTestNets.roundedToFloat(upstream);
        }
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        ReferenceGru reference = new ReferenceGru(layer.paramTable(), nIn, hidden, gate, resetAfter);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        layer.setInput(x.castTo(type), mgr);
        INDArray out = layer.activate(true, mgr).dup();
        Pair<Gradient, INDArray> back = layer.backpropGradient(upstream.castTo(type), mgr);

        assertThat(out.dataType()).isEqualTo(type);
        double[][][] xs = ReferenceGru.toArray(x);
        INDArray expected = ReferenceGru.toIndArray(reference.forward(xs));
        double outputTolerance = type == DataType.DOUBLE ? 1e-12 : relativeTolerance;
        assertThat(LayerParity.relativeError(expected, out)).as("outputs").isLessThan(outputTolerance);

        double[][][] g = ReferenceGru.toArray(upstream);
        for (String key : new String[] {"W", "RW", "b", "RB"}) {
            INDArray analytic = back.getFirst().getGradientFor(key);
            double[] param = reference.param(key);
            INDArray numeric = Nd4j.zeros(DataType.DOUBLE, analytic.shape());
            for (int i = 0; i < param.length; i++) {
                int[] rc = reference.position(key, i);
                numeric.putScalar(rc[0], rc[1], reference.numericGradient(param, i, xs, g));
            }
            assertThat(LayerParity.relativeError(numeric, analytic)).as("gradient %s", key)
                    .isLessThan(relativeTolerance);
        }
        INDArray numericDx = Nd4j.zeros(DataType.DOUBLE, batch, nIn, steps);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nIn; i++) {
                for (int t = 0; t < steps; t++) {
                    double saved = xs[b][t][i];
                    xs[b][t][i] = saved + 1e-6;
                    double plus = ReferenceGru.dot(reference.forward(xs), g);
                    xs[b][t][i] = saved - 1e-6;
                    double minus = ReferenceGru.dot(reference.forward(xs), g);
                    xs[b][t][i] = saved;
                    numericDx.putScalar(b, i, t, (plus - minus) / 2e-6);
                }
            }
        }
        assertThat(LayerParity.relativeError(numericDx, back.getSecond())).as("input gradient")
                .isLessThan(relativeTolerance);
    }

    @Test
    void hardSigmoidGatesPassTheGradientCheck() {
        Gru hard = new Gru.Builder().nIn(4).nOut(5).gateActivation(GateActivation.HARD_SIGMOID).build();
        assertThat(gradientsOk(doubleNet(0, 5, hard), input(3, 4, 5, 31), oneHotLabels(3, 5, 32), trailingMask(3, 5)))
                .isTrue();
    }

    @Test
    void resetBeforeProductPassesTheGradientCheckAloneStackedMaskedAndBidirectional() {
        Gru.Builder first = new Gru.Builder().nIn(4).nOut(5).resetAfter(false);
        INDArray x = input(3, 4, 5, 35);
        INDArray y = oneHotLabels(3, 5, 36);
        assertThat(gradientsOk(doubleNet(0, 5, first.build()), x, y, null)).isTrue();
        assertThat(gradientsOk(doubleNet(0, 3, first.build(), new Gru.Builder().nIn(5).nOut(3).resetAfter(false)
                .gateActivation(GateActivation.HARD_SIGMOID).build()), x, y, trailingMask(3, 5))).isTrue();
        assertThat(gradientsOk(doubleNet(0, 6, new Bidirectional(Bidirectional.Mode.CONCAT, new Gru.Builder().nIn(4)
                .nOut(3).resetAfter(false).build())), x, oneHotLabels(3, 5, 37), trailingMask(3, 5))).isTrue();
    }

    @Test
    void resetFormsDifferAndTheOptionSurvivesJson() {
        MultiLayerNetwork after = doubleNet(0, 5, gru(4, 5));
        MultiLayerNetwork before = doubleNet(0, 5, new Gru.Builder().nIn(4).nOut(5).resetAfter(false).build());
        after.getLayer(0).getParam("RB").assign(0);
        before.setParams(after.params());
        INDArray x = input(2, 4, 6, 38);
        // same parameters, RB = 0: the first step agrees (h' = 0), later steps do not
        INDArray outAfter = after.getLayer(0).activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray outBefore = before.getLayer(0).activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup();
        assertThat(LayerParity.relativeError(outAfter.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)),
                outBefore.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)))).isLessThan(1e-15);
        assertThat(LayerParity.relativeError(outAfter, outBefore)).isGreaterThan(1e-4);

        String json = before.getLayerWiseConfigurations().toJson();
        Gru restored = (Gru) MultiLayerConfiguration.fromJson(json).getConf(0).getLayer();
        assertThat(restored.isResetAfter()).isFalse();
        assertThat(restored).isEqualTo(before.getLayerWiseConfigurations().getConf(0).getLayer());
        assertThat(restored).isNotEqualTo(after.getLayerWiseConfigurations().getConf(0).getLayer());
        Gru defaults = (Gru) MultiLayerConfiguration.fromJson(after.getLayerWiseConfigurations().toJson()).getConf(0)
                .getLayer();
        assertThat(defaults.isResetAfter()).isTrue();
    }

    @Test
    void badConfigurationNamesTheField() {
        assertThatThrownBy(() -> new Gru.Builder().nIn(3).nOut(0).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nOut");
        assertThatThrownBy(() -> new Gru.Builder().dropOut(-0.1))
                .isInstanceOf(UserInputException.class).hasMessageContaining("dropOut");
    }

    /**
     * Straightforward per-step GRU in plain Java arrays, written from the cuDNN/PyTorch equations, or with the
     * reset gate before the recurrent product (Keras's reset_after=False, ONNX's linear_before_reset=0).
     */
    private static final class ReferenceGru {
        private final double[] w;   // [nIn, 3H] column-major, as DL4J's 'f' order view
        private final double[] rw;  // [H, 3H] column-major
        private final double[] b;   // [3H]
        private final double[] rb;  // [H]
        private final int nIn;
        private final int hidden;
        private final GateActivation gate;
        private final boolean resetAfter;

        ReferenceGru(Map<String, INDArray> params, int nIn, int hidden, GateActivation gate, boolean resetAfter) {
            this.nIn = nIn;
            this.hidden = hidden;
            this.gate = gate;
            this.resetAfter = resetAfter;
            w = params.get("W").castTo(DataType.DOUBLE).dup('f').data().asDouble();
            rw = params.get("RW").castTo(DataType.DOUBLE).dup('f').data().asDouble();
            b = params.get("b").castTo(DataType.DOUBLE).dup().data().asDouble();
            rb = params.get("RB").castTo(DataType.DOUBLE).dup().data().asDouble();
        }

        double[] param(String key) {
            return switch (key) {
                case "W" -> w;
                case "RW" -> rw;
                case "b" -> b;
                default -> rb;
            };
        }

        int[] position(String key, int i) {
            int rows = switch (key) {
                case "W" -> nIn;
                case "RW" -> hidden;
                default -> 1;
            };
            return new int[] {i % rows, i / rows};
        }

        private double wAt(double[] m, int rows, int r, int c) {
            return m[c * rows + r];
        }

        /** xs[b][t][i] → h[b][t][j]. */
        double[][][] forward(double[][][] xs) {
            int batch = xs.length;
            int steps = xs[0].length;
            double[][][] out = new double[batch][steps][hidden];
            for (int bi = 0; bi < batch; bi++) {
                double[] h = new double[hidden];
                for (int t = 0; t < steps; t++) {
                    double[] next = new double[hidden];
                    double[] r = new double[hidden];
                    double[] z = new double[hidden];
                    for (int j = 0; j < hidden; j++) {
                        r[j] = b[j];
                        z[j] = b[hidden + j];
                        for (int i = 0; i < nIn; i++) {
                            r[j] += xs[bi][t][i] * wAt(w, nIn, i, j);
                            z[j] += xs[bi][t][i] * wAt(w, nIn, i, hidden + j);
                        }
                        for (int k = 0; k < hidden; k++) {
                            r[j] += h[k] * wAt(rw, hidden, k, j);
                            z[j] += h[k] * wAt(rw, hidden, k, hidden + j);
                        }
                        r[j] = gate(r[j]);
                        z[j] = gate(z[j]);
                    }
                    for (int j = 0; j < hidden; j++) {
                        double nx = b[2 * hidden + j];
                        for (int i = 0; i < nIn; i++) {
                            nx += xs[bi][t][i] * wAt(w, nIn, i, 2 * hidden + j);
                        }
                        double nh = rb[j];
                        for (int k = 0; k < hidden; k++) {
                            nh += (resetAfter ? h[k] : r[k] * h[k]) * wAt(rw, hidden, k, 2 * hidden + j);
                        }
                        double n = Math.tanh(resetAfter ? nx + r[j] * nh : nx + nh);
                        next[j] = (1 - z[j]) * n + z[j] * h[j];
                    }
                    h = next;
                    out[bi][t] = next.clone();
                }
            }
            return out;
        }

        private double gate(double x) {
            return gate == GateActivation.SIGMOID ? 1 / (1 + Math.exp(-x)) : Math.max(0, Math.min(1, 0.2 * x + 0.5));
        }

        double numericGradient(double[] param, int i, double[][][] xs, double[][][] g) {
            double saved = param[i];
            param[i] = saved + 1e-6;
            double plus = dot(forward(xs), g);
            param[i] = saved - 1e-6;
            double minus = dot(forward(xs), g);
            param[i] = saved;
            return (plus - minus) / 2e-6;
        }

        static double dot(double[][][] a, double[][][] g) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                for (int t = 0; t < a[i].length; t++) {
                    for (int j = 0; j < a[i][t].length; j++) {
                        sum += a[i][t][j] * g[i][t][j];
                    }
                }
            }
            return sum;
        }

        /** [batch, features, time] → [batch][time][features]. */
        static double[][][] toArray(INDArray a) {
            double[][][] out = new double[(int) a.size(0)][(int) a.size(2)][(int) a.size(1)];
            for (int b = 0; b < out.length; b++) {
                for (int t = 0; t < out[b].length; t++) {
                    for (int f = 0; f < out[b][t].length; f++) {
                        out[b][t][f] = a.getDouble(b, f, t);
                    }
                }
            }
            return out;
        }

        static INDArray toIndArray(double[][][] a) {
            INDArray out = Nd4j.zeros(DataType.DOUBLE, a.length, a[0][0].length, a[0].length);
            for (int b = 0; b < a.length; b++) {
                for (int t = 0; t < a[b].length; t++) {
                    for (int f = 0; f < a[b][t].length; f++) {
                        out.putScalar(b, f, t, a[b][t][f]);
                    }
                }
            }
            return out;
        }
    }
}
