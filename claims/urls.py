from django.urls import path

from claims import views

urlpatterns = [
    path("settlements/", views.SettlementListView.as_view(), name="settlement-list"),
    path("settlements/<int:pk>/", views.SettlementDetailView.as_view(), name="settlement-detail"),
]
