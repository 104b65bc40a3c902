package cn.loopgate.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NUL character (U+0000, typed or pasted; %00 in the form post) in page fields (issue 10): the page
 * answers with a message in the user's language and keeps the input, never the error page, and nothing
 * is stored. Form posts as the browser sends them (full and PrimeFaces AJAX), without a browser.
 */
class NulInPagesIT {

    static final String MESSAGE = "不能包含控制字符 NUL";
    static Portal portal;

    @BeforeAll
    static void start() {
        portal = Portal.get();
    }

    @Test
    void aNulInAFormFieldIsRefusedWithAMessageAndNothingIsStored() throws Exception {
        long firm = TestData.newFirm(portal.api("admin"), "CD-ETZ", true, 50);
        WebSession web = managerOf(firm);
        String url = portal.baseUrl() + "/firm/roster.xhtml";

        // The roster dialog's form, full post and AJAX post, with a NUL in the worker's name.
        for (boolean ajax : new boolean[]{false, true}) {
            String marker = "零字符" + (ajax ? "乙" : "甲");
            HttpResponse<String> r = web.postForm(url, worker(web, url, marker + "\u0000张三", TestData.FAKES.residentId("510107")), "add:save", ajax);
            assertEquals(200, r.statusCode(), "no error page (ajax " + ajax + "): " + r.body());
            assertTrue(r.body().contains(MESSAGE), "a message in the user's language (ajax " + ajax + "): " + r.body());
            assertFalse(r.body().contains("id=\"errorTitle\""), "not the error page");
            assertEquals(0, PermitFixtures.count(portal, "select count(*) from worker where firm_id = ? and name like ?", firm, marker + "%"),
                    "nothing stored (ajax " + ajax + ")");
        }
        // The search field: a NUL would reach the query.
        String page = web.get(url).body();
        Map<String, String> search = new LinkedHashMap<>();
        search.put("roster", "roster");
        search.put("roster:text", "\u0000");
        search.put("roster:status_input", "");
        search.put("jakarta.faces.ViewState", WebSession.viewState(page));
        search.put("primefaces.nonce", WebSession.nonce(page));
        HttpResponse<String> s = web.postForm(url, search, "roster:search", true);
        assertEquals(200, s.statusCode(), s.body());
        assertTrue(s.body().contains(MESSAGE), s.body());

        // The same form without the NUL does store: the post above reached the page's real form.
        HttpResponse<String> ok = web.postForm(url, worker(web, url, "零字符丙", TestData.FAKES.residentId("510107")), "add:save", false);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(1, PermitFixtures.count(portal, "select count(*) from worker where firm_id = ? and name = ?", firm, "零字符丙"));

        // The login form too (it looks the user up in the database).
        WebSession anonymous = new WebSession();
        String login = anonymous.get(portal.baseUrl() + "/login.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", "admin\u0000");
        form.put("login:password", "x");
        form.put("jakarta.faces.ViewState", WebSession.viewState(login));
        form.put("primefaces.nonce", WebSession.nonce(login));
        HttpResponse<String> l = anonymous.postForm(portal.baseUrl() + "/login.xhtml", form, "login:submit", false);
        assertEquals(200, l.statusCode(), l.body());
        assertTrue(l.body().contains(MESSAGE), l.body());
    }

    @Test
    void aPagePostWithoutTheSecurityNonceIsAnsweredWith400AndAMessageNotAnEmpty500() throws Exception {
        long firm = TestData.newFirm(portal.api("admin"), "CD-ETZ", true, 20);
        WebSession web = managerOf(firm);
        String url = portal.baseUrl() + "/firm/roster.xhtml";
        Map<String, String> form = worker(web, url, "无令牌", TestData.FAKES.residentId("510107"));
        form.remove("primefaces.nonce");
        HttpResponse<String> full = web.postForm(url, form, "add:save", false);
        assertEquals(400, full.statusCode(), full.body());
        assertTrue(full.body().contains("id=\"formRefused\"") && full.body().contains("安全令牌") && !full.body().contains("<script"), full.body());
        // An AJAX post gets JSF's partial-response error, which the PrimeFaces client reports.
        HttpResponse<String> ajax = web.postForm(url, form, "add:save", true);
        assertEquals(200, ajax.statusCode(), ajax.body());
        assertTrue(ajax.body().contains("<error-name>class org.primefaces.csp.CspException</error-name>"), ajax.body());
        // The view state is the forgery guard (docs/security.md): this session rendered the form, so the save
        // itself was legitimate; PrimeFaces checks the nonce only when rendering the answer.
    }

    /** A page session of a new manager of the firm. */
    static WebSession managerOf(long firm) throws Exception {
        String user = TestData.newUser(portal.api("admin"), "FIRM_MANAGER", firm);
        WebSession web = new WebSession();
        assertTrue(web.login(portal.baseUrl(), user, TestData.PASSWORD));
        return web;
    }

    static Map<String, String> worker(WebSession web, String url, String name, String residentId) throws Exception {
        String page = web.get(url).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("add", "add");
        form.put("add:name", name);
        form.put("add:residentId", residentId);
        form.put("add:phone", TestData.FAKES.mobile());
        form.put("add:job", "操作工");
        form.put("add:joined_input", "");
        form.put("jakarta.faces.ViewState", WebSession.viewState(page));
        form.put("primefaces.nonce", WebSession.nonce(page));
        return form;
    }
}
