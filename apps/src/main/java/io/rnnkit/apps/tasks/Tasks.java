package io.rnnkit.apps.tasks;

import io.rnnkit.core.UserInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of reference tasks, by command-line id. */
public final class Tasks {

    private static final Map<String, ReferenceTask> BY_ID = index(List.of(new WavesTask(), new AdditionTask(),
            new SinNextTask(), new SinCosTask(), new CharLmTask(), new PtbTask(), new UciTask(),
            new Seq2SeqAdditionTask()));

    private Tasks() {
    }

    /** The task with this id, or a one-line error listing the known ones. */
    public static ReferenceTask byId(String id) {
        ReferenceTask task = BY_ID.get(id);
        if (task == null) {
            throw new UserInputException("unknown task '" + id + "'; known tasks: " + String.join(", ", BY_ID.keySet()));
        }
        return task;
    }

    private static Map<String, ReferenceTask> index(List<ReferenceTask> tasks) {
        Map<String, ReferenceTask> byId = new LinkedHashMap<>();
        tasks.forEach(task -> byId.put(task.id(), task));
        return java.util.Collections.unmodifiableMap(byId);
    }

    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }
}
