package cn.loopgate.shared.web;

import cn.loopgate.shared.persistence.BaseEntity;
import cn.loopgate.shared.persistence.Page;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A PrimeFaces lazy table over a service's paged list: only the visible page is loaded. Filters
 * live in the view bean (the service decides scope), so the table's own filter maps are ignored.
 */
public class PageModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /**
     * Loads a page. Serializable, like the model: the view bean holding the model travels in the replicated session,
     * and a node that answers the next request after a fail-over must still load pages (ClusterIT).
     */
    public interface Loader<T> extends BiFunction<Integer, Integer, Page<T>>, Serializable {
    }

    /** A row's key; serializable for the same reason. */
    public interface Key<T> extends java.util.function.Function<T, String>, Serializable {
    }

    private final Loader<T> loader;
    private final Key<T> key;

    public PageModel(Loader<T> loader, Key<T> key) {
        this.loader = loader;
        this.key = key;
    }

    public static <E extends BaseEntity> PageModel<E> of(Loader<E> loader) {
        return new PageModel<>(loader, e -> String.valueOf(e.getId()));
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) loader.apply(0, 1).total();
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Page<T> page = loader.apply(first, pageSize);
        setRowCount((int) page.total());
        return page.items();
    }

    @Override
    public String getRowKey(T object) {
        return key.apply(object);
    }

    @Override
    public T getRowData(String rowKey) {
        List<T> shown = getWrappedData();
        return shown == null ? null : shown.stream().filter(o -> key.apply(o).equals(rowKey)).findFirst().orElse(null);
    }
}
