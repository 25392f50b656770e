from django.contrib.auth import views as auth_views
from django.urls import path

from jiazhou_web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # 系统 → 用户与角色 (users.manage)
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/roles/", views.role_assign, name="role_assign"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("roles/", views.role_table, name="role_table"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
]
