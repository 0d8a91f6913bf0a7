package fr.yseraa.observatory.ext.corridors;

import fr.yseraa.observatory.wps.process.ExecutionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the connections it has open, and a budget that notes that count at each checkpoint the
 * connectivity computation ({@link ConnectivityCalculator}) runs: whether a process computes with a connection held.
 */
final class HeldConnections {

    private final DataSource counting;
    private final AtomicInteger open = new AtomicInteger();
    private final List<Integer> atComputation = Collections.synchronizedList(new ArrayList<>());

    HeldConnections(DataSource real) {
        this.counting = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = call(method, real, args);
                    return result instanceof Connection c && method.getName().equals("getConnection") ? counted(c) : result;
                });
    }

    private Connection counted(Connection c) {
        open.incrementAndGet();
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !closed[0]) {
                        closed[0] = true;
                        open.decrementAndGet();
                    }
                    return call(method, c, args);
                });
    }

    private static Object call(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    DataSource dataSource() {
        return counting;
    }

    /** A budget without limit whose every check from the connectivity computation notes the connections open. */
    ExecutionBudget budget() {
        return new ExecutionBudget(null, () -> {
            if (StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    f -> f.getClassName().equals(ConnectivityCalculator.class.getName())))) {
                atComputation.add(open.get());
            }
            return false;
        }, Clock.systemUTC());
    }

    /** The connections open at each checkpoint of the connectivity computation. */
    List<Integer> atComputation() {
        return List.copyOf(atComputation);
    }
}
